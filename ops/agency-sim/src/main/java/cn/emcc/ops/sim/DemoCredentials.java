package cn.emcc.ops.sim;

import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.OrderKeys;
import cn.emcc.protocols.trust.TrustedCertificates;
import cn.emcc.protocols.v1.Agency;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the simulated agencies prove themselves with: each agency's key id and
 * Ed25519 private key, the emcc order keys they trust, and the TLS settings
 * for an https gateway (null for the JVM's defaults).
 */
public record DemoCredentials(Map<Agency, Credential> agencies, OrderKeys orderKeys, SSLContext sslContext) {

    /** One agency system's registered key id and its private key. */
    public record Credential(String keyId, PrivateKey key) {
    }

    public DemoCredentials {
        agencies = Map.copyOf(agencies);
    }

    /**
     * The credentials of a development key set as {@code ops/keys} writes it:
     * {@code agencies/<agency>.key.pem} (key id {@code dev-<agency>}), the
     * order keys {@code keys/order-signing-*.pub.pem} and the TLS certificate
     * {@code tls/dev-server.crt.pem}. Agencies without a key file are left out.
     */
    public static DemoCredentials fromKeySet(Path dir) {
        Map<Agency, Credential> agencies = new EnumMap<>(Agency.class);
        for (Agency a : Senders.SIMULATED) {
            String name = a.name().substring("AGENCY_".length()).toLowerCase(Locale.ROOT);
            Path key = dir.resolve("agencies").resolve(name + ".key.pem");
            if (Files.exists(key)) {
                agencies.put(a, new Credential("dev-" + name, KeyPem.readPrivateKey(key)));
            }
        }
        List<PublicKey> orderKeys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("keys"))) {
            files.filter(f -> f.getFileName().toString().matches("order-signing-.*\\.pub\\.pem")).sorted()
                    .forEach(f -> orderKeys.add(KeyPem.readPublicKey(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the order keys in " + dir.resolve("keys"), e);
        }
        Path cert = dir.resolve("tls").resolve("dev-server.crt.pem");
        return new DemoCredentials(agencies, OrderKeys.of(orderKeys.toArray(PublicKey[]::new)),
                Files.exists(cert) ? TrustedCertificates.sslContext(cert) : null);
    }
}
