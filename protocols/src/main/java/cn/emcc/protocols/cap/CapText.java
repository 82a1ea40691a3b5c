package cn.emcc.protocols.cap;

/**
 * A value from the document quoted in an error reason: shortened, so a
 * rejection never echoes a hostile document back at its full size.
 */
final class CapText {

    static final int MAX_QUOTED = 80;

    private CapText() {
    }

    /** {@code 'value'}, or its first {@value #MAX_QUOTED} characters and its length when longer. */
    static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        if (value.length() <= MAX_QUOTED) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, MAX_QUOTED) + "...' (" + value.length() + " characters)";
    }
}
