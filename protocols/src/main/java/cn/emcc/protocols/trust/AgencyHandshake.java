package cn.emcc.protocols.trust;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proof of possession an agency system presents when it opens the
 * stream or posts a batch: an {@code Authorization} header
 *
 * <pre>Authorization: EMCC-Ed25519 keyId="police-1", ts="1767225600000", nonce="…", sig="…"</pre>
 *
 * where {@code sig} is the base64url Ed25519 signature, by the key
 * registered as {@code keyId}, over the ASCII context
 * {@code "emcc.v1.AgencyHandshake"}, a zero byte, then
 * {@code keyId \n ts \n nonce \n METHOD \n path}. {@code ts} is the
 * client's clock in epoch milliseconds and {@code nonce} 16 random bytes in
 * base64url: the gateway accepts a header only within its time window and
 * only once, so a captured header opens nothing.
 */
public record AgencyHandshake(String keyId, long timestampMillis, String nonce, byte[] signature) {

    public static final String SCHEME = "EMCC-Ed25519";

    private static final byte[] CONTEXT = "emcc.v1.AgencyHandshake\0".getBytes(StandardCharsets.US_ASCII);
    // Values may come quoted or bare: an HTTP stack in between may re-render the header either way.
    private static final Pattern PARAM = Pattern.compile("\\s*([A-Za-z]+)=(?:\"([^\"]*)\"|([^\",\\s]*))\\s*");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh header value for {@code method} {@code path}, signed now. */
    public static String header(String keyId, PrivateKey key, String method, String path, Instant now) {
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        long ts = now.toEpochMilli();
        byte[] sig = SignatureAlgorithm.ED25519.sign(key, signedBytes(keyId, ts, nonce, method, path));
        return SCHEME + " keyId=\"" + keyId + "\", ts=\"" + ts + "\", nonce=\"" + nonce + "\", sig=\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sig) + "\"";
    }

    /** The header's parts, or empty when it is not an {@value #SCHEME} header of the expected form. */
    public static Optional<AgencyHandshake> parse(String header) {
        if (header == null || !header.startsWith(SCHEME + " ") || header.length() > 1024) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : header.substring(SCHEME.length() + 1).split(",")) {
            var m = PARAM.matcher(part);
            if (!m.matches() || params.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3)) != null) {
                return Optional.empty();
            }
        }
        String keyId = params.get("keyId");
        String ts = params.get("ts");
        String nonce = params.get("nonce");
        String sig = params.get("sig");
        if (params.size() != 4 || keyId == null || ts == null || nonce == null || sig == null
                || keyId.isEmpty() || nonce.length() < 16 || nonce.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AgencyHandshake(keyId, Long.parseLong(ts), nonce, Base64.getUrlDecoder().decode(sig)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The bytes the signature of a handshake for {@code method} {@code path} covers. */
    public byte[] signedBytes(String method, String path) {
        return signedBytes(keyId, timestampMillis, nonce, method, path);
    }

    private static byte[] signedBytes(String keyId, long ts, String nonce, String method, String path) {
        byte[] text = (keyId + "\n" + ts + "\n" + nonce + "\n" + method + "\n" + path).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[CONTEXT.length + text.length];
        System.arraycopy(CONTEXT, 0, all, 0, CONTEXT.length);
        System.arraycopy(text, 0, all, CONTEXT.length, text.length);
        return all;
    }
}
