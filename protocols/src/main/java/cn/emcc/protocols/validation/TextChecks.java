package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.RejectionCode;

import java.util.regex.Pattern;

/** Checks on strings: presence, length in code points, and the formats of ids and codes. */
final class TextChecks {

    /** Contract: message ids are 1..128 of [A-Za-z0-9._:-]. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    /** Contract: sender.system_id is 1..64 of [A-Za-z0-9._-]. */
    private static final Pattern SYSTEM_ID = Pattern.compile("[A-Za-z0-9._-]+");
    /** GB/T 2260: six digits. */
    private static final Pattern ADCODE = Pattern.compile("[0-9]{6}");

    private final ValidationLimits limits;

    TextChecks(ValidationLimits limits) {
        this.limits = limits;
    }

    ValidationLimits limits() {
        return limits;
    }

    /** MISSING_FIELD when empty or only whitespace; true when present. */
    boolean required(Violations v, String path, String value) {
        if (value.isBlank()) {
            v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, path,
                    path + " is " + (value.isEmpty() ? "empty" : "blank") + "; it is required");
            return false;
        }
        return true;
    }

    /** TOO_LONG over {@code max} code points; true when within. */
    boolean maxLength(Violations v, String path, String value, int max) {
        // The char count bounds the code point count from above: skip the scan for short strings.
        if (value.length() > max) {
            int codePoints = value.codePointCount(0, value.length());
            if (codePoints > max) {
                v.add(RejectionCode.REJECTION_CODE_TOO_LONG, path,
                        path + " has " + codePoints + " characters; expected at most " + max);
                return false;
            }
        }
        return true;
    }

    /** Free text: optional, bounded, and without control characters other than tab and line breaks. */
    void text(Violations v, String path, String value, int max) {
        if (maxLength(v, path, value, max)) {
            int bad = firstControlCharacter(value, true);
            if (bad >= 0) {
                v.add(RejectionCode.REJECTION_CODE_INVALID_FORMAT, path, path + " contains control character U+"
                        + String.format("%04X", (int) value.charAt(bad)) + " at index " + bad
                        + "; expected printable text");
            }
        }
    }

    void requiredText(Violations v, String path, String value, int max) {
        if (required(v, path, value)) {
            text(v, path, value, max);
        }
    }

    void messageId(Violations v, String path, String value) {
        patterned(v, path, value, limits.maxIdChars(), MESSAGE_ID, "1.." + limits.maxIdChars() + " of [A-Za-z0-9._:-]");
    }

    void systemId(Violations v, String path, String value) {
        patterned(v, path, value, limits.maxSystemIdChars(),
                SYSTEM_ID, "1.." + limits.maxSystemIdChars() + " of [A-Za-z0-9._-]");
    }

    /**
     * An id chosen by another system (report, order, unit, condition,
     * warning): required, bounded, and one token without spaces or control
     * characters so that it can be logged and looked up as it is.
     */
    void id(Violations v, String path, String value, int max) {
        if (required(v, path, value)) {
            optionalId(v, path, value, max);
        }
    }

    void optionalId(Violations v, String path, String value, int max) {
        if (value.isEmpty() || !maxLength(v, path, value, max)) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                v.add(RejectionCode.REJECTION_CODE_INVALID_FORMAT, path,
                        path + " " + quote(value) + " contains a space or control character at index " + i
                                + "; expected one token");
                return;
            }
        }
    }

    void adcode(Violations v, String path, String value, boolean required) {
        if (value.isEmpty() && !required) {
            return;
        }
        if (required && !required(v, path, value)) {
            return;
        }
        if (!ADCODE.matcher(value).matches()) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_FORMAT, path,
                    path + " is " + quote(value) + "; expected a six-digit GB/T 2260 code such as \"370102\"");
        }
    }

    /** TOO_LONG when a list is over the limit; returns how many of its items to inspect. */
    int listSize(Violations v, String path, int size) {
        int max = limits.maxListItems();
        if (size > max) {
            v.add(RejectionCode.REJECTION_CODE_TOO_LONG, path,
                    path + " has " + size + " items; expected at most " + max);
            return max;
        }
        return size;
    }

    private void patterned(Violations v, String path, String value, int max, Pattern pattern, String expected) {
        if (!required(v, path, value) || !maxLength(v, path, value, max)) {
            return;
        }
        if (!pattern.matcher(value).matches()) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_FORMAT, path,
                    path + " is " + quote(value) + "; expected " + expected);
        }
    }

    private static int firstControlCharacter(String value, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
                return i;
            }
        }
        return -1;
    }

    /** The value in quotes, cut short so that a reason never repeats a huge input. */
    static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}
