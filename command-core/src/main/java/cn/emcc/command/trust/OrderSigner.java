package cn.emcc.command.trust;

import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.v1.Envelope;
import com.typesafe.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * emcc's order-signing key: every envelope emcc pushes to an agency (a
 * dispatch order) is signed with it, so the agency can tell an order really
 * comes from emcc and was not altered. Ed25519 by default, SM2 with SM3 when
 * {@code emcc.orders.signing.algorithm = SM2}. The key pair lives in
 * {@code emcc.orders.signing.key-dir} ({@code <data-dir>/keys} by default),
 * created on first start; its public half is written beside it
 * ({@code order-signing-<alg>.pub.pem}) and served at GET /v1/agency/order-key
 * for agencies to install.
 */
public final class OrderSigner {

    private static final Logger log = LoggerFactory.getLogger(OrderSigner.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final String keyId;
    private final Path publicKeyFile;

    private OrderSigner(PrivateKey privateKey, PublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.algorithm = SignatureAlgorithm.of(publicKey);
        this.keyId = KeyPem.fingerprint(publicKey);
        this.publicKeyFile = publicKeyFile;
    }

    public static OrderSigner fromConfig(Config root) {
        Config c = root.getConfig("emcc.orders.signing");
        return loadOrCreate(Path.of(c.getString("key-dir")), SignatureAlgorithm.named(c.getString("algorithm")));
    }

    /** The key pair for {@code algorithm} in {@code dir}, made and saved there if there is none yet. */
    public static OrderSigner loadOrCreate(Path dir, SignatureAlgorithm algorithm) {
        String base = "order-signing-" + algorithm.wireName().toLowerCase();
        Path privateFile = dir.resolve(base + ".key.pem");
        Path publicFile = dir.resolve(base + ".pub.pem");
        try {
            if (Files.exists(privateFile)) {
                PrivateKey key = KeyPem.readPrivateKey(privateFile);
                PublicKey pub = KeyPem.readPublicKey(publicFile);
                if (SignatureAlgorithm.of(key) != algorithm) {
                    throw new IllegalStateException(privateFile + " holds a " + SignatureAlgorithm.of(key).wireName()
                            + " key; expected " + algorithm.wireName());
                }
                return new OrderSigner(key, pub, publicFile);
            }
            KeyPair pair = algorithm.generate();
            writePrivate(privateFile, KeyPem.pem(pair.getPrivate()));
            Files.writeString(publicFile, KeyPem.pem(pair.getPublic()), StandardCharsets.US_ASCII);
            log.info("created emcc's {} order-signing key {}; agencies install {}", algorithm.wireName(),
                    KeyPem.fingerprint(pair.getPublic()), publicFile);
            return new OrderSigner(pair.getPrivate(), pair.getPublic(), publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the order-signing key in " + dir, e);
        }
    }

    /** Writes a private key readable by the owner only (where the file system has POSIX permissions). */
    public static void writePrivate(Path file, String pem) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public Envelope sign(Envelope envelope) {
        return EnvelopeSignatures.sign(envelope, keyId, privateKey).envelope();
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public String keyId() {
        return keyId;
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }
}
