package cn.emcc.command.testsupport;

import cn.emcc.command.EmccServer;
import cn.emcc.command.trust.DevKeySet;
import cn.emcc.protocols.trust.AgencyHandshake;
import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.OrderKeys;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.trust.TrustedCertificates;
import cn.emcc.protocols.v1.Envelope;
import com.google.protobuf.InvalidProtocolBufferException;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Sender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A real emcc node for a test: the server on a free port of 127.0.0.1, on the
 * given store, admitting the four demo agencies with the keys of a
 * development key set ({@link #KEYS}), and helpers to talk to it over its
 * real sockets. Plain HTTP unless a test turns TLS on
 * ({@code emcc.http.tls.enabled = on}); TlsTransportTest covers TLS.
 */
public final class RunningNode implements AutoCloseable {

    /** The agencies' keys, emcc's order keys and the TLS certificate, shared by every node of this JVM. */
    public static final DevKeySet KEYS = DevKeySet.createOrLoad(keyDir());

    private static Path keyDir() {
        try {
            Path dir = Files.createTempDirectory("emcc-test-keys");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no temporary directory for the test keys", e);
        }
    }

    private final EmccServer server;
    private final List<AgencyClient> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .sslContext(trustingDevCertificate()).build();

    private RunningNode(EmccServer server) {
        this.server = server;
    }

    public static RunningNode start(TestStore store) {
        return start(store.config());
    }

    public static RunningNode start(Config storeConfig) {
        return new RunningNode(EmccServer.start(agencies().withFallback(ConfigFactory.parseString(
                "emcc.http.port = 0\nemcc.http.host = \"127.0.0.1\"")).withFallback(storeConfig)));
    }

    /**
     * A node on {@code store} with {@code overrides} winning over the test defaults (its own agencies,
     * a fixed port, dispatch timers).
     */
    public static RunningNode start(TestStore store, Config overrides) {
        return new RunningNode(EmccServer.start(overrides.withFallback(agencies()).withFallback(ConfigFactory.parseString(
                "emcc.http.port = 0\nemcc.http.host = \"127.0.0.1\"")).withFallback(store.config())));
    }

    /** A port nothing listens on now, for a node that must come back on the same address. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The four demo agencies of {@link #KEYS}, allowed the whole province; plain HTTP. */
    public static Config agencies() {
        return ConfigFactory.parseString(agencySettings());
    }

    /** {@link #agencies()} as HOCON text, for a deployment file. */
    public static String agencySettings() {
        return KEYS.nodeSettings() + "emcc.http.tls.enabled = off\n" + "emcc.gateway.agency-keys-check-every = 200ms\n";
    }

    /** A fresh handshake header for {@code agency}'s key, as its system would send to open the stream. */
    public static String handshake(Agency agency, String method, String path) {
        return AgencyHandshake.header(KEYS.keyId(agency), KEYS.privateKey(agency), method, path, Instant.now());
    }

    /**
     * {@code envelope} (any bytes) signed by {@code agency}'s key the way its system would sign it, the bytes
     * otherwise untouched; bytes that are empty, not an Envelope, or signed already go as they are.
     */
    public static byte[] signed(Agency agency, byte[] envelope) {
        try {
            if (envelope.length == 0 || Envelope.parseFrom(envelope).hasSignature()) {
                return envelope; // nothing to sign, or the test chose this signature itself
            }
            return EnvelopeSignatures.signWire(envelope, KEYS.keyId(agency), KEYS.privateKey(agency));
        } catch (InvalidProtocolBufferException unreadable) {
            return envelope;
        }
    }

    public static byte[] signed(Agency agency, Envelope envelope) {
        return signed(agency, envelope.toByteArray());
    }

    /** emcc's order keys of {@link #KEYS}, as an agency installs them. */
    public static OrderKeys orderKeys() {
        return OrderKeys.of(KEYS.orderKey(SignatureAlgorithm.ED25519), KEYS.orderKey(SignatureAlgorithm.SM2));
    }

    /** TLS client settings trusting the development certificate of {@link #KEYS}. */
    public static SSLContext trustingDevCertificate() {
        return TrustedCertificates.sslContext(KEYS.tlsCertificate());
    }

    /** An agency client builder for this node with {@code agency}'s credential, not yet built. */
    public AgencyClient.Builder clientBuilder(Agency agency) {
        return AgencyClient.builder()
                .baseUri(baseUri())
                .credential(KEYS.keyId(agency), KEYS.privateKey(agency))
                .orderKeys(orderKeys())
                .sslContext(trustingDevCertificate())
                .sender(Sender.newBuilder().setAgency(agency).setSystemId("test-" + agency.name().toLowerCase())
                        .setAdcode("370000").build());
    }

    public EmccServer server() {
        return server;
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** A connected agency client, closed with the node. */
    public AgencyClient client(Agency agency) {
        AgencyClient client = clientBuilder(agency).build();
        client.connect().join();
        clients.add(client);
        return client;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(baseUri().resolve(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String officer, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (officer != null) {
            b.header("X-Emcc-Officer", officer);
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP " + request.uri() + " failed", e);
        }
    }

    @Override
    public void close() {
        clients.forEach(AgencyClient::close);
        server.close();
    }
}
