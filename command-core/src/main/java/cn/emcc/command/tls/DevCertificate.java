package cn.emcc.command.tls;

import cn.emcc.command.trust.OrderSigner;
import cn.emcc.protocols.trust.KeyPem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A self-signed TLS certificate for development and the demo, so that emcc
 * speaks TLS even where nobody has issued it a certificate: an ECDSA P-256
 * key, valid for a year, for localhost, 127.0.0.1, ::1 and the configured
 * host. Written as {@code dev-server.crt.pem} (what clients are told to
 * trust) and {@code dev-server.key.pem} (owner-readable only). Never a
 * production certificate: production configures its own.
 */
public final class DevCertificate {

    public static final String CERTIFICATE_FILE = "dev-server.crt.pem";
    public static final String KEY_FILE = "dev-server.key.pem";

    private DevCertificate() {
    }

    /** The certificate file in {@code dir}, created with its key unless both exist already. */
    public static Path ensure(Path dir, String host) {
        Path cert = dir.resolve(CERTIFICATE_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            return cert;
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = g.generateKeyPair();
            X509Certificate certificate = selfSigned(pair, host);
            OrderSigner.writePrivate(key, KeyPem.pem(pair.getPrivate()));
            Files.writeString(cert, KeyPem.armour("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
            return cert;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create a development TLS certificate in " + dir, e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, String host) throws GeneralSecurityException, IOException {
        X500Name name = new X500Name("CN=emcc development certificate, O=emcc");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names(host).toArray(GeneralName[]::new)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        try {
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the development certificate", e);
        }
    }

    private static List<GeneralName> names(String host) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
            hosts.add(host);
        }
        List<GeneralName> names = new ArrayList<>();
        for (String h : hosts) {
            boolean literal = h.matches("[0-9.]+") || h.contains(":");
            names.add(literal ? new GeneralName(GeneralName.iPAddress, h) : new GeneralName(GeneralName.dNSName, h));
        }
        return names;
    }

}
