package cn.emcc.command.http;

import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON bodies officers send (incident actions, dispatch, reports,
 * escalation acknowledgements), fuzzed over a real node's HTTP port: valid
 * bodies with fields removed, added or set to wrong types and extreme values,
 * cut or deeply nested text, raw bytes. Every answer is a success or a 4xx in
 * the {field, reason} shape that reveals nothing internal; never a 500.
 */
class OfficerJsonFuzzTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String OFFICER = "duty.wang@370102";

    /** An endpoint and a body it accepts; {id} is filled in per try. */
    record Endpoint(String path, String validBody) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/v1/incidents/{id}/status", "{\"to\": \"CLOSED\", \"why\": \"duplicate call\"}"),
            new Endpoint("/v1/incidents/{id}/grade", "{\"grade\": \"III\", \"why\": \"three casualties\"}"),
            new Endpoint("/v1/incidents/{id}/grade-override/lift", "{\"why\": \"rules apply again\"}"),
            new Endpoint("/v1/incidents/{id}/merge", "{\"into\": \"INC-FUZZ-2\", \"why\": \"same fire\"}"),
            new Endpoint("/v1/incidents/{id}/split", "{\"reports\": [\"police-1\"], \"why\": \"another place\"}"),
            new Endpoint("/v1/incidents/{id}/dispatch/proposal", "{}"),
            new Endpoint("/v1/incidents/{id}/dispatch/confirm", "{\"drop\": [\"U-1\"], \"add\": [\"U-2\"]}"),
            new Endpoint("/v1/incidents/{id}/dispatch/release", "{\"unit\": \"U-1\", \"why\": \"back to base\"}"),
            new Endpoint("/v1/incidents/{id}/reports", "{\"kind\": \"INITIAL\", \"text\": \"首报\"}"),
            new Endpoint("/v1/incidents/{id}/mutual-aid",
                    "{\"capability\": \"FIRE_SUPPRESSION\", \"count\": 2, \"note\": \"fire spreading\"}"),
            new Endpoint("/v1/mutual-aid/{id}/approve", "{\"units\": [\"U-1\"]}"),
            new Endpoint("/v1/mutual-aid/{id}/decline", "{\"reason\": \"busy\"}"),
            new Endpoint("/v1/nodes/370102/escalations/{id}/ack", "{\"revision\": 1}"));

    private static final List<String> IDS = List.of("INC-FUZZ-1", "INC-FUZZ-2", "x", "..", "%2e%2e%2f", "%00",
            "a".repeat(65), "INC%20FUZZ", "%E5%90%8D");

    private static TestStore store;
    private static RunningNode node;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeContainer
    static void startNode() throws IOException {
        store = JournalUnderTest.H2.freshStore(Files.createTempDirectory("officer-json-fuzz"));
        node = RunningNode.start(store);
    }

    @AfterContainer
    static void stopNode() {
        if (node != null) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        return Arbitraries.of(ENDPOINTS);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.of(IDS);
    }

    @Property
    void mutatedBodiesGetA4xxInTheErrorShapeOrSucceed(@ForAll("endpoints") Endpoint endpoint, @ForAll("ids") String id,
                                                      @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        byte[] body = switch (random.nextInt(5)) {
            case 0, 1, 2 -> Json.MAPPER.writeValueAsBytes(mutate(Json.MAPPER.readTree(endpoint.validBody()), random));
            case 3 -> textual(endpoint.validBody(), random).getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] raw = new byte[random.nextInt(random.nextBoolean() ? 64 : 40_000)];
                random.nextBytes(raw);
                yield raw;
            }
        };
        String contentType = random.nextInt(6) == 0 ? "text/plain; charset=ISO-8859-1" : "application/json";
        HttpResponse<String> r = post(endpoint.path().replace("{id}", id), contentType, body);

        assertThat(r.statusCode()).as("%s answered %s", endpoint.path(), r.body()).isBetween(200, 499);
        // the answer may quote what was sent (a bad value, named); that is the caller's, not emcc's
        String sent = new String(body, StandardCharsets.UTF_8);
        if (r.statusCode() >= 400) {
            LeakCheck.isErrorShape(endpoint.path(), r.body(), sent);
        } else {
            LeakCheck.revealsNothing(endpoint.path(), r.body(), sent);
        }
    }

    // -- mutations of a JSON tree

    private static JsonNode mutate(JsonNode valid, Random random) {
        ObjectNode body = (ObjectNode) valid.deepCopy();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            int choice = random.nextInt(4);
            if (choice == 0 && !names.isEmpty()) {
                body.remove(names.get(random.nextInt(names.size())));
            } else if (choice == 1 || names.isEmpty()) {
                body.set(random.nextBoolean() ? "unexpected" : "__proto__", hostile(random, 0));
            } else {
                body.set(names.get(random.nextInt(names.size())), hostile(random, 0));
            }
        }
        return random.nextInt(10) == 0 ? F.arrayNode().add(body) : body;
    }

    private static JsonNode hostile(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 9 : 12)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(random.nextBoolean());
            case 2 -> F.numberNode(new BigDecimal("1e999"));
            case 3 -> F.numberNode(new BigInteger("9".repeat(400)));
            case 4 -> F.numberNode(random.nextBoolean() ? -1 : Long.MIN_VALUE);
            case 5 -> F.numberNode(random.nextDouble() * 1e300);
            case 6 -> F.textNode(List.of("", " ", "\u0000", "I", "CLOSED", "INITIAL", "INCIDENT_STATUS_CLOSED", "GRADE_I",
                    "UNSPECIFIED", "unrecognized", "../../etc/passwd", "'; DROP TABLE event_journal; --").get(random.nextInt(12)));
            case 7 -> F.textNode("x".repeat(random.nextBoolean() ? 501 : 15_000));
            case 8 -> F.textNode("名".repeat(1 + random.nextInt(600)));
            case 9 -> {
                ArrayNode a = F.arrayNode();
                int size = random.nextBoolean() ? random.nextInt(4) : 101 + random.nextInt(300);
                for (int i = 0; i < size; i++) {
                    a.add(size > 50 ? F.textNode("U-" + i) : hostile(random, depth + 1));
                }
                yield a;
            }
            case 10 -> {
                ObjectNode o = F.objectNode();
                o.set("to", hostile(random, depth + 1));
                yield o;
            }
            default -> F.arrayNode().add(hostile(random, depth + 1));
        };
    }

    private static String textual(String valid, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length()));
            case 1 -> "[".repeat(1 + random.nextInt(3_000));
            case 2 -> "{\"why\": " + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000) + "}";
            default -> valid.replace(':', random.nextBoolean() ? '=' : ';');
        };
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUri() + path))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + node.token(OFFICER))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException staleConnection) {
                // The client sent the POST on a kept-alive connection the node had just closed (after an
                // early answer to a body it did not read); the JDK client does not resend a POST by itself.
                // Once more on a connection of its own: an answer to that one is what the test judges.
                return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " got no HTTP answer", e);
        }
    }
}
