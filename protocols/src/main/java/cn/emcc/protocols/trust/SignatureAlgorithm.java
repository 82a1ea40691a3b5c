package cn.emcc.protocols.trust;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * The signature algorithms emcc speaks: Ed25519 (RFC 8032) for agency
 * credentials and, by default, for dispatch orders; SM2 with SM3
 * (GM/T 0003, GM/T 0009 default user id, from Bouncy Castle) for orders in
 * deployments held to the Chinese commercial cryptography standards. The name
 * is what {@code emcc.v1.Signature.algorithm} carries.
 *
 * <p>Keys are the JDK's (generated, stored and exchanged as standard
 * encodings), but Ed25519 signs and verifies with Bouncy Castle's RFC 8032
 * arithmetic on the raw key bytes: every agency envelope is verified, and
 * the JDK's implementation cost about ten times as much CPU per signature,
 * a third of all the CPU a report took at the gateway (BENCHMARKS.md).
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
            if (this == ED25519) {
                byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
                Ed25519.sign(rawPrivate(key), 0, data, 0, data.length, signature, 0);
                return signature;
            }
            Signature s = engine();
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key as " + wireName, e);
        }
    }

    /** True only for a signature that verifies; a malformed signature or a key of another kind is false. */
    public boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            if (this == ED25519) {
                byte[] raw = rawPublic(key);
                return raw.length == Ed25519.PUBLIC_KEY_SIZE && signature.length == Ed25519.SIGNATURE_SIZE
                        && Ed25519.verify(signature, 0, raw, 0, data, 0, data.length);
            }
            Signature s = engine();
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The 32 key bytes of an Ed25519 private key in its PKCS#8 encoding; anything else is refused. */
    private static byte[] rawPrivate(PrivateKey key) {
        if (!"Ed25519".equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("not an Ed25519 key");
        }
        byte[] raw;
        try {
            raw = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey()).getOctets();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("an Ed25519 private key whose encoding does not parse", e);
        }
        if (raw.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key has " + Ed25519.SECRET_KEY_SIZE + " bytes, not " + raw.length);
        }
        return raw;
    }

    /** The 32 bytes of an Ed25519 public key from its X.509 encoding; a key of another kind is refused. */
    private static byte[] rawPublic(PublicKey key) {
        if (!"Ed25519".equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("not an Ed25519 key");
        }
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getOctets();
    }

    private Signature engine() throws GeneralSecurityException {
        return Signature.getInstance("SM3withSM2", BOUNCY_CASTLE);
    }
}
