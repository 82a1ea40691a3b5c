package cn.emcc.protocols.trust;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * emcc signs and verifies Ed25519 with its own arithmetic on the raw key
 * bytes, so an agency that signs with any RFC 8032 library must interoperate:
 * the RFC's own test vector, and the JDK's implementation in both directions.
 */
class Ed25519InteropTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032, section 7.1, TEST 1 (empty message). */
    private static final String SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
            + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @Test
    void theRfcTestVectorSignsAndVerifiesToTheByte() throws Exception {
        KeyFactory keys = KeyFactory.getInstance("Ed25519");
        // PKCS#8 and X.509 wrappers of the raw keys (RFC 8410).
        PrivateKey secret = keys.generatePrivate(new PKCS8EncodedKeySpec(
                HEX.parseHex("302e020100300506032b657004220420" + SECRET)));
        PublicKey pub = keys.generatePublic(new X509EncodedKeySpec(HEX.parseHex("302a300506032b6570032100" + PUBLIC)));

        assertThat(HEX.formatHex(SignatureAlgorithm.ED25519.sign(secret, new byte[0]))).isEqualTo(SIGNATURE);
        assertThat(SignatureAlgorithm.ED25519.verify(pub, new byte[0], HEX.parseHex(SIGNATURE))).isTrue();
        byte[] flipped = HEX.parseHex(SIGNATURE);
        flipped[10] ^= 1;
        assertThat(SignatureAlgorithm.ED25519.verify(pub, new byte[0], flipped)).isFalse();
    }

    @Test
    void signaturesOfTheJdkVerifyHereAndOursVerifyInTheJdk() throws Exception {
        KeyPair pair = SignatureAlgorithm.ED25519.generate();
        byte[] data = "119 火警 历下区".getBytes(StandardCharsets.UTF_8);

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(data);
        byte[] byJdk = jdk.sign();
        assertThat(SignatureAlgorithm.ED25519.verify(pair.getPublic(), data, byJdk)).isTrue();

        byte[] ours = SignatureAlgorithm.ED25519.sign(pair.getPrivate(), data);
        assertThat(ours).isEqualTo(byJdk); // Ed25519 signatures are deterministic
        jdk.initVerify(pair.getPublic());
        jdk.update(data);
        assertThat(jdk.verify(ours)).isTrue();
    }

    @Test
    void malformedSignaturesAndForeignKeysAreFalseNotErrors() {
        KeyPair ed = SignatureAlgorithm.ED25519.generate();
        KeyPair sm2 = SignatureAlgorithm.SM2.generate();
        byte[] data = {1, 2, 3};
        byte[] good = SignatureAlgorithm.ED25519.sign(ed.getPrivate(), data);
        assertThat(SignatureAlgorithm.ED25519.verify(ed.getPublic(), data, new byte[0])).isFalse();
        assertThat(SignatureAlgorithm.ED25519.verify(ed.getPublic(), data, new byte[63])).isFalse();
        assertThat(SignatureAlgorithm.ED25519.verify(ed.getPublic(), data, new byte[64])).isFalse();
        assertThat(SignatureAlgorithm.ED25519.verify(sm2.getPublic(), data, good)).isFalse();
    }
}
