package cn.emcc.command.testsupport;

import cn.emcc.command.EmccServer;
import cn.emcc.command.officers.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.security.SecureRandom;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real emcc node for a test: the server on a free port of 127.0.0.1, on the
 * given store, admitting the four demo agencies with the keys of a
 * development key set ({@link #KEYS}), officers created on demand
 * (see {@link #token}), and helpers to talk to it over its real sockets.
 * Plain HTTP unless a test turns TLS on
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

    /** The province officer whose token {@link #get(String)} sends. */
    public static final String PROVINCE_OFFICER = "test.province@370000";

    /**
     * One session key and first-admin password for every node of this test JVM, as the nodes of
     * one cluster share them through their configuration.
     */
    private static final String SESSION_KEY = randomBase64(32);
    public static final String ADMIN_PASSWORD = randomBase64(18);
    /** The password every test officer gets (set in-process, never typed into a file). */
    static final String OFFICER_PASSWORD = randomBase64(18);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmccServer server;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
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
        return new RunningNode(EmccServer.start(agencies().withFallback(officers()).withFallback(ConfigFactory.parseString(
                "emcc.http.port = 0\nemcc.http.host = \"127.0.0.1\"")).withFallback(storeConfig)));
    }

    /**
     * A node on {@code store} with {@code overrides} winning over the test defaults (its own agencies,
     * a fixed port, dispatch timers).
     */
    public static RunningNode start(TestStore store, Config overrides) {
        return new RunningNode(EmccServer.start(overrides.withFallback(agencies()).withFallback(officers()).withFallback(ConfigFactory.parseString(
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

    /** The shared session key and first-admin password of the test nodes. */
    public static Config officers() {
        return ConfigFactory.parseString("emcc.officers.session-key = \"" + SESSION_KEY + "\"\n"
                + "emcc.officers.first-admin-password = \"" + ADMIN_PASSWORD + "\"");
    }

    private static String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
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

    /**
     * A session token of the DUTY_OFFICER {@code user@adcode}, created on this node's store
     * when it does not exist yet.
     */
    public String token(String officer) {
        String[] parts = officer.split("@");
        return token(parts[0], Role.DUTY_OFFICER, parts[1]);
    }

    /** A session token of {@code username} with {@code role} at {@code adcode}, created when needed. */
    public String token(String username, Role role, String adcode) {
        return tokens.computeIfAbsent(username + "/" + role + "@" + adcode, key -> {
            try {
                server.officers().awaitFirstAdmin();
                server.officers().provision(username, "Test " + username, role, adcode, OFFICER_PASSWORD)
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not create officer " + key, e);
            }
            return login(username, OFFICER_PASSWORD);
        });
    }

    /** A new session of the officer (created when needed), not the cached one: for tests that end it. */
    public String freshToken(String username, Role role, String adcode) {
        token(username, role, adcode);
        return login(username, OFFICER_PASSWORD);
    }

    /** Logs in over HTTP and answers the token; fails unless the answer is 200. */
    public String login(String username, String password) {
        // The first admin is created in the background at start.
        server.officers().awaitFirstAdmin();
        HttpResponse<String> r = send("POST", "/v1/session", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + " answered " + r.statusCode() + " " + r.body());
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            return body.path("token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("login answer is not JSON: " + r.body(), e);
        }
    }

    /** GET as the province duty officer ({@link #PROVINCE_OFFICER}). */
    public HttpResponse<String> get(String path) {
        return send("GET", path, token(PROVINCE_OFFICER), null);
    }

    /** POST as the duty officer {@code user@adcode}; null sends no token. */
    public HttpResponse<String> post(String path, String officer, String json) {
        return send("POST", path, officer == null ? null : token(officer), json);
    }

    /** Any request with a bearer token (null: none) and a JSON body (null: none). */
    public HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(baseUri().resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
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
