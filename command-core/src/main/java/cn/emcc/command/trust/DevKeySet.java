package cn.emcc.command.trust;

import cn.emcc.command.tls.DevCertificate;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.v1.Agency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A development key set for the demo and the tests, in one directory:
 * an Ed25519 key pair per demo agency ({@code agencies/<agency>.key.pem} and
 * {@code .pub.pem}, key id {@code dev-<agency>}), the agency key registry
 * that admits them for the whole province ({@code agency-keys.conf}), emcc's
 * order-signing keys ({@code keys/}) and a self-signed TLS certificate
 * ({@code tls/}). Files that exist are kept, so a second run changes nothing.
 * {@code ops/keys DIR} runs {@link #main}.
 */
public final class DevKeySet {

    public static final List<Agency> AGENCIES =
            List.of(Agency.AGENCY_POLICE, Agency.AGENCY_FIRE, Agency.AGENCY_WEATHER, Agency.AGENCY_TRAFFIC);

    private final Path dir;
    private final Map<Agency, KeyPair> keys;

    private DevKeySet(Path dir, Map<Agency, KeyPair> keys) {
        this.dir = dir;
        this.keys = keys;
    }

    /** The key set in {@code dir}, made where missing. */
    public static DevKeySet createOrLoad(Path dir) {
        try {
            Map<Agency, KeyPair> keys = new EnumMap<>(Agency.class);
            for (Agency a : AGENCIES) {
                Path priv = dir.resolve("agencies").resolve(short_(a) + ".key.pem");
                Path pub = dir.resolve("agencies").resolve(short_(a) + ".pub.pem");
                if (!Files.exists(priv) || !Files.exists(pub)) {
                    KeyPair pair = SignatureAlgorithm.ED25519.generate();
                    OrderSigner.writePrivate(priv, KeyPem.pem(pair.getPrivate()));
                    Files.writeString(pub, KeyPem.pem(pair.getPublic()), StandardCharsets.US_ASCII);
                }
                keys.put(a, new KeyPair(KeyPem.readPublicKey(pub), KeyPem.readPrivateKey(priv)));
            }
            DevKeySet set = new DevKeySet(dir, keys);
            if (!Files.exists(set.registryFile())) {
                StringBuilder registry = new StringBuilder("# Development agency key registry written by ops/keys.\n"
                        + "# Set status = revoked on an entry to shut that system out; emcc re-reads this file.\n"
                        + "agencies = [\n");
                for (Agency a : AGENCIES) {
                    registry.append(entry(set.keyId(a), a, "dev-" + short_(a), List.of("370000"), keys.get(a).getPublic(),
                            "active"));
                }
                Files.writeString(set.registryFile(), registry.append("]\n").toString(), StandardCharsets.UTF_8);
            }
            for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
                OrderSigner.loadOrCreate(set.orderKeyDir(), alg);
            }
            DevCertificate.ensure(set.tlsDir(), "localhost");
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the development key set in " + dir, e);
        }
    }

    /** One registry entry, as README's "Register an agency" shows it. */
    public static String entry(String keyId, Agency agency, String name, List<String> jurisdictions, PublicKey key,
                               String status) {
        return "  { key-id = \"" + keyId + "\", agency = " + agency.name().substring("AGENCY_".length())
                + ", name = \"" + name + "\", jurisdictions = [" + String.join(", ",
                jurisdictions.stream().map(j -> "\"" + j + "\"").toList()) + "], status = " + status
                + ",\n    public-key = \"" + KeyPem.base64(key) + "\" }\n";
    }

    private static String short_(Agency a) {
        return a.name().substring("AGENCY_".length()).toLowerCase(Locale.ROOT);
    }

    public Path dir() {
        return dir;
    }

    public Path registryFile() {
        return dir.resolve("agency-keys.conf");
    }

    public Path orderKeyDir() {
        return dir.resolve("keys");
    }

    public Path tlsDir() {
        return dir.resolve("tls");
    }

    public Path tlsCertificate() {
        return tlsDir().resolve(DevCertificate.CERTIFICATE_FILE);
    }

    public String keyId(Agency agency) {
        return "dev-" + short_(agency);
    }

    public PrivateKey privateKey(Agency agency) {
        return keys.get(agency).getPrivate();
    }

    public PublicKey publicKey(Agency agency) {
        return keys.get(agency).getPublic();
    }

    /** emcc's public order key for {@code algorithm} in this set. */
    public PublicKey orderKey(SignatureAlgorithm algorithm) {
        return OrderSigner.loadOrCreate(orderKeyDir(), algorithm).publicKey();
    }

    /** The settings that make a node use this set: registry, order keys and TLS certificate. */
    public String nodeSettings() {
        return "emcc.gateway.agency-keys = \"" + registryFile() + "\"\n"
                + "emcc.orders.signing.key-dir = \"" + orderKeyDir() + "\"\n"
                + "emcc.http.tls.dev-certificate-dir = \"" + tlsDir() + "\"\n";
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ops/keys DIR   (creates what is missing of a development key set in DIR)");
            System.exit(2);
        }
        DevKeySet set = createOrLoad(Path.of(args[0]).toAbsolutePath());
        System.out.println("development key set in " + set.dir());
        System.out.println("  agency keys:    " + set.dir().resolve("agencies") + " (key ids dev-police, dev-fire, "
                + "dev-weather, dev-traffic)");
        System.out.println("  registry:       " + set.registryFile());
        System.out.println("  order keys:     " + set.orderKeyDir());
        System.out.println("  TLS:            " + set.tlsCertificate());
        System.out.println("Use it with:");
        System.out.println("  EMCC_AGENCY_KEYS=" + set.registryFile() + " EMCC_ORDER_SIGNING_KEY_DIR=" + set.orderKeyDir()
                + " EMCC_HTTP_TLS_CERTIFICATE=" + set.tlsCertificate() + " EMCC_HTTP_TLS_PRIVATE_KEY="
                + set.tlsDir().resolve(DevCertificate.KEY_FILE) + " ./emcc server");
    }
}
