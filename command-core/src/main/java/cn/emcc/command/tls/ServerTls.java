package cn.emcc.command.tls;

import com.typesafe.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The TLS identity of the HTTP and WebSocket edge, from {@code emcc.http.tls}:
 * a PKCS#12 key store, or a PEM certificate chain with its PKCS#8 PEM key;
 * with neither, a self-signed development certificate created on first run
 * under {@code dev-certificate-dir}. Plain HTTP only when
 * {@code emcc.http.tls.enabled = off} (EMCC_HTTP_TLS=off), for local
 * development.
 *
 * @param certificateFile the PEM certificate clients can be told to trust, when there is one
 */
public record ServerTls(SSLContext sslContext, Optional<Path> certificateFile, boolean development) {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    /** The TLS settings, or empty when TLS is explicitly off. */
    public static Optional<ServerTls> fromConfig(Config root) {
        Config c = root.getConfig("emcc.http.tls");
        if (!c.getBoolean("enabled")) {
            log.warn("TLS is off (emcc.http.tls.enabled = off): plain HTTP, for local development only");
            return Optional.empty();
        }
        try {
            if (!c.getString("keystore").isBlank()) {
                return Optional.of(new ServerTls(fromKeyStore(Path.of(c.getString("keystore")),
                        c.getString("keystore-password").toCharArray()), Optional.empty(), false));
            }
            if (!c.getString("certificate").isBlank()) {
                Path cert = Path.of(c.getString("certificate"));
                return Optional.of(new ServerTls(fromPem(cert, Path.of(c.getString("private-key"))), Optional.of(cert), false));
            }
            Path dir = Path.of(c.getString("dev-certificate-dir"));
            Path cert = DevCertificate.ensure(dir, root.getString("emcc.http.host"));
            log.warn("no TLS certificate configured: serving the self-signed development certificate {}", cert);
            return Optional.of(new ServerTls(fromPem(cert, dir.resolve(DevCertificate.KEY_FILE)), Optional.of(cert), true));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("emcc.http.tls: cannot load the TLS certificate and key: " + e.getMessage(), e);
        }
    }

    static SSLContext fromKeyStore(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return context(ks, password);
    }

    static SSLContext fromPem(Path certificate, Path privateKey) throws GeneralSecurityException, IOException {
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(certificate)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
        }
        if (chain.length == 0) {
            throw new GeneralSecurityException(certificate + " holds no certificate");
        }
        PrivateKey key = privateKey(privateKey);
        char[] password = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("emcc", key, password, chain);
        return context(ks, password);
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException, IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                pem.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", ""));
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // the PEM does not say which; the next algorithm may read it
            }
        }
        throw new GeneralSecurityException(file + " is neither an EC nor an RSA private key");
    }

    private static SSLContext context(KeyStore ks, char[] password) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }
}
