package cn.emcc.command.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The digests an audit chain can be built with: SHA-256 (the JDK's) by default,
 * SM3 (GB/T 32905, Bouncy Castle's) for GM/T deployments; {@code emcc.audit.hash}.
 * Both give 256 bits. Each entry names its algorithm, so a chain stays verifiable
 * after the setting changes.
 */
public enum HashAlgorithm {
    SHA256("sha256") {
        @Override
        byte[] digest(byte[] input) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(input);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    },
    SM3("sm3") {
        @Override
        byte[] digest(byte[] input) {
            SM3Digest sm3 = new SM3Digest();
            sm3.update(input, 0, input.length);
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return out;
        }
    };

    /** The previous hash of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final String configValue;

    HashAlgorithm(String configValue) {
        this.configValue = configValue;
    }

    abstract byte[] digest(byte[] input);

    public String hex(byte[] input) {
        return HexFormat.of().formatHex(digest(input));
    }

    public String configValue() {
        return configValue;
    }

    public static HashAlgorithm parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.configValue.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("emcc.audit.hash (env EMCC_AUDIT_HASH) is '" + value
                        + "'; expected one of " + Arrays.stream(values()).map(HashAlgorithm::configValue)
                                .collect(Collectors.joining(", "))));
    }
}
