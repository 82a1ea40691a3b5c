package cn.emcc.protocols.cap;

/**
 * A CAP document that emcc cannot accept, with the place it went wrong as an
 * element path such as {@code alert/info/area[0]/polygon[1]} and the reason.
 * Whole-document problems (size, malformed XML, DOCTYPE) use the path
 * {@value #DOCUMENT}.
 */
public final class CapFormatException extends Exception {

    /** The path used when the problem is the document as a whole. */
    public static final String DOCUMENT = "(document)";

    private final String path;
    private final String reason;

    public CapFormatException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public CapFormatException(String path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** Where in the document the problem is, e.g. {@code alert/info/area[0]/polygon[0]}. */
    public String path() {
        return path;
    }

    /** What is wrong there, without the path. */
    public String reason() {
        return reason;
    }
}
