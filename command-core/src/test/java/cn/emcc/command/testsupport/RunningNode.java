package cn.emcc.command.testsupport;

import cn.emcc.command.EmccServer;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Sender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real emcc node for a test: the server on a free port of 127.0.0.1, on the
 * given store, with one bearer token per agency, and helpers to talk to it
 * over its real sockets.
 */
public final class RunningNode implements AutoCloseable {

    public static final Map<Agency, String> TOKENS = Map.of(
            Agency.AGENCY_POLICE, "test-token-police-0123456789",
            Agency.AGENCY_FIRE, "test-token-fire-0123456789ab",
            Agency.AGENCY_WEATHER, "test-token-weather-012345678",
            Agency.AGENCY_TRAFFIC, "test-token-traffic-012345678");

    private final EmccServer server;
    private final List<AgencyClient> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    /** The four demo agencies with the test tokens, allowed the whole province. */
    public static Config agencies() {
        StringBuilder list = new StringBuilder("emcc.gateway.agencies = [\n");
        TOKENS.forEach((agency, token) -> list.append("{ agency = ").append(agency.name().replace("AGENCY_", ""))
                .append(", name = \"test-").append(agency.name().toLowerCase()).append("\", token = \"").append(token)
                .append("\", jurisdictions = [\"370000\"] }\n"));
        return ConfigFactory.parseString(list.append("]").toString());
    }

    public EmccServer server() {
        return server;
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** A connected agency client, closed with the node. */
    public AgencyClient client(Agency agency) {
        AgencyClient client = AgencyClient.builder()
                .baseUri(baseUri())
                .agencyToken(TOKENS.get(agency))
                .sender(Sender.newBuilder().setAgency(agency).setSystemId("test-" + agency.name().toLowerCase())
                        .setAdcode("370000").build())
                .build();
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
