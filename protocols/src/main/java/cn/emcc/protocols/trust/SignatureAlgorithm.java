package cn.emcc.protocols.trust;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * The signature algorithms emcc speaks: Ed25519 (RFC 8032, the JDK's own) for
 * agency credentials and, by default, for dispatch orders; SM2 with SM3
 * (GM/T 0003, GM/T 0009 default user id, from Bouncy Castle) for orders in
 * deployments held to the Chinese commercial cryptography standards. The name
 * is what {@code emcc.v1.Signature.algorithm} carries.
 */
public enum SignatureAlgorithm {
    ED25519("Ed25519"),
    SM2("SM2");

    /** Bouncy Castle is used as an explicit provider, never installed JVM-wide. */
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final String wireName;

    SignatureAlgorithm(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code Signature.algorithm} on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The algorithm a {@code Signature.algorithm} value names; case-insensitive. */
    public static SignatureAlgorithm named(String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.wireName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("signature algorithm '" + name + "' is not known; expected Ed25519 or SM2");
    }

    /** The algorithm a key belongs to: Ed25519 keys say so, an EC key is taken to be on the SM2 curve. */
    public static SignatureAlgorithm of(java.security.Key key) {
        String a = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(a) || "EdDSA".equalsIgnoreCase(a)) {
            return ED25519;
        }
        if ("EC".equalsIgnoreCase(a)) {
            return SM2;
        }
        throw new IllegalArgumentException("a " + a + " key cannot sign for emcc; expected an Ed25519 or SM2 key");
    }

    public KeyPair generate() {
        try {
            if (this == ED25519) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
            g.initialize(new ECGenParameterSpec("sm2p256v1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate " + wireName + " keys", e);
        }
    }

    public byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = engine();
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key as " + wireName, e);
        }
    }

    /** True only for a signature that verifies; a malformed signature or a key of another kind is false. */
    public boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = engine();
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private Signature engine() throws GeneralSecurityException {
        return this == ED25519 ? Signature.getInstance("Ed25519") : Signature.getInstance("SM3withSM2", BOUNCY_CASTLE);
    }
}
