package cn.emcc.protocols.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keys as text: private keys as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}),
 * public keys as X.509 SubjectPublicKeyInfo PEM ({@code BEGIN PUBLIC KEY}),
 * the forms {@code openssl genpkey -algorithm ed25519} and
 * {@code openssl pkey -pubout} write. Ed25519 and SM2 (EC) keys.
 */
public final class KeyPem {

    private KeyPem() {
    }

    public static PrivateKey readPrivateKey(Path file) {
        return privateKey(read(file), file.toString());
    }

    public static PublicKey readPublicKey(Path file) {
        return publicKey(read(file), file.toString());
    }

    /** A private key from PKCS#8 PEM text; {@code source} names it in errors. */
    public static PrivateKey privateKey(String pem, String source) {
        byte[] der = body(pem, "PRIVATE KEY", source);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notEd25519) {
            try {
                return KeyFactory.getInstance("EC", SignatureAlgorithm.BOUNCY_CASTLE).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(source + " is not a PKCS#8 Ed25519 or SM2 private key", e);
            }
        }
    }

    /** A public key from PEM text or from the bare base64 of its SubjectPublicKeyInfo. */
    public static PublicKey publicKey(String pemOrBase64, String source) {
        byte[] der = body(pemOrBase64, "PUBLIC KEY", source);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException notEd25519) {
            try {
                return KeyFactory.getInstance("EC", SignatureAlgorithm.BOUNCY_CASTLE).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(source + " is not an Ed25519 or SM2 public key (X.509 SubjectPublicKeyInfo)", e);
            }
        }
    }

    public static String pem(PrivateKey key) {
        return armour("PRIVATE KEY", key.getEncoded());
    }

    public static String pem(PublicKey key) {
        return armour("PUBLIC KEY", key.getEncoded());
    }

    /** The one-line base64 SubjectPublicKeyInfo, as the agency key registry holds it. */
    public static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A short, stable name for a public key: the first 16 bytes of the SHA-256 of its SubjectPublicKeyInfo, in hex. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String armour(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] body(String text, String label, String source) {
        String s = text.strip();
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        if (s.startsWith("-----BEGIN")) {
            int b = s.indexOf(begin);
            int e = s.indexOf(end);
            if (b < 0 || e < b) {
                throw new IllegalArgumentException(source + " is PEM but not a '" + label + "'; expected " + begin);
            }
            s = s.substring(b + begin.length(), e);
        }
        try {
            return Base64.getMimeDecoder().decode(s.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid base64 inside its " + label + " PEM", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }
}
