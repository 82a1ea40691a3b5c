package cn.emcc.command.http;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Correlation ids for failures: the client gets only the id, the log gets the
 * id with the details, so support can find one from the other without the
 * client ever seeing a stack trace, class name, SQL or file path.
 */
public final class ErrorReferences {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorReferences() {
    }

    /** A fresh id of 16 hex digits, e.g. {@code 9f86d081884c7d65}. */
    public static String next() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
