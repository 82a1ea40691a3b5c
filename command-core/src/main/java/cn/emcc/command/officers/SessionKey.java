package cn.emcc.command.officers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs officer sessions (HMAC-SHA256, 256 bits). Taken from
 * {@code emcc.officers.session-key} when set (base64; how the nodes of a
 * cluster share one key), otherwise read from a file under the data
 * directory, which the first start creates readable by its owner only.
 */
public final class SessionKey {

    private static final Logger log = LoggerFactory.getLogger(SessionKey.class);
    private static final int BYTES = 32;

    private SessionKey() {
    }

    public static byte[] load(String configured, Path file) {
        if (!configured.isBlank()) {
            return decode("emcc.officers.session-key", configured.trim());
        }
        try {
            if (Files.exists(file)) {
                return decode(file.toString(), Files.readString(file).trim());
            }
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                log.warn("could not restrict {} to its owner on this file system", file);
            }
            log.info("generated the officer session key in {}", file);
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("officer session key file " + file + " could not be read or created: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] decode(String where, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not base64; expected " + BYTES + " random bytes in base64");
        }
        if (key.length < BYTES) {
            throw new IllegalArgumentException(where + " holds " + key.length + " bytes; expected at least " + BYTES);
        }
        return key;
    }
}
