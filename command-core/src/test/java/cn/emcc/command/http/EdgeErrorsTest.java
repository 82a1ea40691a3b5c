package cn.emcc.command.http;

import cn.emcc.command.testsupport.DeclaredLengthPost;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RawAgencySocket;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.PoliceReport;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Sender;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real node's edge under requests that make things go wrong: malformed and
 * oversized bodies, wrong content types, unknown routes and methods, a broken
 * store. Every answer is the {field, reason} shape and shows nothing of
 * emcc's insides (no stack trace, class name, SQL or path).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeErrorsTest {

    private static final String OFFICER = "duty.li@370102";
    private static final Duration NO_HANGING = Duration.ofSeconds(60);

    @TempDir
    static Path scratch;

    private static TestStore store;
    private static RunningNode node;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startNode() {
        store = JournalUnderTest.H2.freshStore(scratch);
        node = RunningNode.start(store, ConfigFactory.parseString("emcc.ask-timeout = 3s"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    @Order(1)
    void aMalformedJsonBodyIsABadRequestThatNamesTheBody() {
        HttpResponse<String> r = send("POST", "/v1/incidents/INC-1/status", "application/json", "{\"to\": \"CLOSED\", ");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = LeakCheck.isErrorShape("malformed JSON", r.body());
        assertThat(body.path("field").asText()).isEqualTo("body");
        assertThat(body.path("reason").asText()).startsWith("not JSON");
    }

    @Test
    @Order(2)
    void deeplyNestedJsonIsRefusedWithoutTheParsersOwnWords() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        HttpResponse<String> r = send("POST", "/v1/incidents/INC-1/status", "application/json", deep);
        assertThat(r.statusCode()).isEqualTo(400);
        LeakCheck.isErrorShape("deeply nested JSON", r.body());
    }

    @Test
    @Order(3)
    void aWrongContentTypeIsAnsweredInTheErrorShape() {
        HttpResponse<String> r = send("POST", "/v1/incidents/INC-1/grade", "application/xml", "<grade>I</grade>");
        assertThat(r.statusCode()).isEqualTo(400);
        LeakCheck.isErrorShape("an XML body", r.body());
    }

    @Test
    @Order(4)
    void aBodyOverItsLimitIs413OnOfficerRoutesAndOnTheAgencyBatch() {
        // One byte over the limit that applies. The officer body is small enough to be on the node whole;
        // the batch's megabytes are announced and sent only if the node asks (DeclaredLengthPost). A client
        // pushing megabytes regardless may see the reset before the early answer: the next test.
        int statusLimit = 16 * 1024;
        String over = "{\"why\": \"" + "x".repeat(statusLimit - 10) + "\"}";
        assertThat(over.length()).isEqualTo(statusLimit + 1);
        HttpResponse<String> officer = send("POST", "/v1/incidents/INC-1/status", "application/json", over);
        assertThat(officer.statusCode()).isEqualTo(413);
        assertThat(LeakCheck.isErrorShape("an officer body over its limit", officer.body()).path("field").asText())
                .isEqualTo("body");

        long batchLimit = node.server().system().settings().config().getBytes("emcc.gateway.max-batch-size");
        DeclaredLengthPost.Answer batch = DeclaredLengthPost.post(node.baseUri(), "/v1/agency/messages",
                "application/x-protobuf", RunningNode.handshake(Agency.AGENCY_POLICE, "POST", "/v1/agency/messages"),
                new byte[Math.toIntExact(batchLimit) + 1]);
        assertThat(batch.status()).isEqualTo(413);
        LeakCheck.isErrorShape("a batch over its limit", batch.body());
    }

    @Test
    @Order(4)
    void aSenderThatPushesAHugeBodyRegardlessLeavesTheNodeAnswering() {
        for (int i = 0; i < 3; i++) {
            try {
                HttpResponse<String> batch = http.send(batch(new byte[5 * 1024 * 1024]).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(batch.statusCode()).isEqualTo(413);
                LeakCheck.isErrorShape("a huge batch sent without waiting", batch.body());
            } catch (java.io.IOException reset) {
                // the early answer lost to the reset of a connection that still had megabytes inbound
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        HttpResponse<String> after = send("GET", "/v1/incidents", null, null);
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void unknownRoutesMethodsAndStaticFilesAreAnsweredInTheErrorShape() {
        HttpResponse<String> unknown = send("GET", "/v1/no-such-thing", null, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(LeakCheck.isErrorShape("an unknown route", unknown.body()).path("field").asText()).isEqualTo("path");

        HttpResponse<String> method = send("DELETE", "/v1/incidents", null, null);
        assertThat(method.statusCode()).isEqualTo(405);
        LeakCheck.isErrorShape("a wrong method", method.body());

        HttpResponse<String> file = send("GET", "/web/no-such-page.html", null, null);
        assertThat(file.statusCode()).isEqualTo(404);
        LeakCheck.isErrorShape("a missing static file", file.body());

        HttpResponse<String> traversal = send("GET", "/web/..%2F..%2Fapplication.conf", null, null);
        assertThat(traversal.statusCode()).isEqualTo(404);
        LeakCheck.isErrorShape("a traversal attempt", traversal.body());

        HttpResponse<String> notUpgrade = send("GET", "/v1/nodes/370102/stream", null, null);
        assertThat(notUpgrade.statusCode()).isEqualTo(400);
        LeakCheck.isErrorShape("a node stream without upgrade", notUpgrade.body());

        HttpResponse<String> badQuery = send("GET", "/v1/incidents?within=%FF%FE", null, null);
        assertThat(badQuery.statusCode()).isBetween(400, 499);
        LeakCheck.isErrorShape("a malformed query", badQuery.body());
    }

    @Test
    @Order(10)
    void aBrokenStoreGivesRetryableAnswersThatSayNothingOfIt() throws Exception {
        // The journal's tables vanish under the running node: every read and write of the store now fails
        // with SQL errors naming the tables. None of that may reach a client.
        var config = node.server().system().settings().config();
        try (Connection c = DriverManager.getConnection(config.getString("emcc.h2.url"),
                config.getString("emcc.h2.user"), config.getString("emcc.h2.password"));
             Statement s = c.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }

        HttpResponse<String> action = send("POST", "/v1/incidents/INC-" + UUID.randomUUID() + "/status",
                "application/json", "{\"to\": \"CLOSED\", \"why\": \"duplicate\"}");
        assertThat(action.statusCode()).isBetween(500, 599);
        LeakCheck.isErrorShape("an action on a broken store", action.body());

        try (RawAgencySocket police = RawAgencySocket.connect(node.baseUri(), Agency.AGENCY_POLICE)) {
            GatewayFrame reply = police.exchange(policeReport().toByteArray());
            assertThat(reply.getRejection().getCode()).as("%s", reply).isEqualTo(RejectionCode.REJECTION_CODE_UNAVAILABLE);
            assertThat(reply.getRejection().getRetryable()).isTrue();
            assertThat(reply.getRejection().getReason()).containsPattern("reference [0-9a-f]{16}");
            LeakCheck.revealsNothing("an agency report on a broken store", reply.toString());
        }
    }

    // -- helpers

    private static HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUri() + path))
                .timeout(NO_HANGING)
                .header("Authorization", "Bearer " + node.token(OFFICER))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return exchange(b.build());
    }

    private static HttpRequest.Builder batch(byte[] body) {
        return HttpRequest.newBuilder(URI.create(node.baseUri() + "/v1/agency/messages"))
                .header("Content-Type", "application/x-protobuf")
                .header("Authorization", RunningNode.handshake(Agency.AGENCY_POLICE, "POST", "/v1/agency/messages"))
                .timeout(NO_HANGING) // a bound against hanging the build, not a speed check
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + " got no HTTP answer", e);
        }
    }

    private static Envelope policeReport() {
        Instant now = Instant.now();
        return Envelope.newBuilder()
                .setMessageId("edge-" + UUID.randomUUID())
                .setSender(Sender.newBuilder().setAgency(Agency.AGENCY_POLICE).setSystemId("edge-test").setAdcode("370000"))
                .setSent(ts(now.minusSeconds(1)))
                .setKind(MessageKind.MESSAGE_KIND_POLICE_REPORT)
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL)
                .setPoliceReport(PoliceReport.newBuilder()
                        .setReportId("110-edge-1")
                        .setReportedAt(ts(now.minusSeconds(10)))
                        .setLocation(Location.newBuilder().setAddress("济南市历下区")
                                .setPoint(GeoPoint.newBuilder().setLongitude(117.0205).setLatitude(36.6612)))
                        .setCategory(IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT)
                        .setDescription("群众报警")
                        .setCasualties(Casualties.newBuilder().setCallers(1))
                        .setCallerNumberMasked("138****1234"))
                .build();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }
}
