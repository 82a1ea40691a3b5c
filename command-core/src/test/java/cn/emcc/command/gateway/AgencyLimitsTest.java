package cn.emcc.command.gateway;

import cn.emcc.command.http.Json;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RawAgencySocket;
import cn.emcc.command.testsupport.RawBatch;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.framing.DelimitedFrames;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.RejectionCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's per-agency limits on a real node over real sockets: a flood
 * from one agency system is answered RATE_LIMITED (WebSocket) or 429 with
 * Retry-After (batch POST) while another agency carries on, the flooder gets
 * through again once it waits as told, nothing refused changes anything, and
 * a connection over the per-agency count is refused at the upgrade.
 */
class AgencyLimitsTest {

    /** Slow enough that the test's own pace never refills a bucket between two batches. */
    private static final double PER_SECOND = 1;
    private static final int BURST = 10;
    private static final int MAX_CONNECTIONS = 2;

    @TempDir
    static Path scratch;

    private static TestStore store;
    private static RunningNode node;
    private static ProbeLedger places;

    @BeforeAll
    static void startNode() {
        store = JournalUnderTest.H2.freshStore(scratch);
        node = RunningNode.start(store, ConfigFactory.parseString("""
                emcc.gateway.rate.messages-per-second = %s
                emcc.gateway.rate.burst = %d
                emcc.gateway.max-batch-frames = %d
                emcc.gateway.max-connections-per-agency = %d
                """.formatted(PER_SECOND, BURST, BURST, MAX_CONNECTIONS)));
        places = new ProbeLedger(node.server().geography().locator());
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
    void aFloodIsRateLimitedWhileAnotherAgencyIsUnaffectedAndTheFlooderRecoversAfterTheHint() {
        try (RawAgencySocket police = RawAgencySocket.connect(node.baseUri(), Agency.AGENCY_POLICE);
             RawAgencySocket fire = RawAgencySocket.connect(node.baseUri(), Agency.AGENCY_FIRE)) {
            Set<String> opened = new java.util.HashSet<>();
            List<Envelope> acked = new ArrayList<>();
            List<Envelope> limited = new ArrayList<>();
            GatewayFrame lastLimit = null;
            long started = System.nanoTime();
            for (int i = 0; i < 3 * BURST; i++) {
                Envelope report = places.freshPoliceReport().build();
                GatewayFrame reply = police.exchange(report.toByteArray());
                if (reply.hasAck()) {
                    assertThat(reply.getAck().getMessageId()).isEqualTo(report.getMessageId());
                    acked.add(report);
                    opened.add(reply.getAck().getEffectRef());
                } else {
                    assertThat(reply.getRejection().getCode()).as("%s", reply)
                            .isEqualTo(RejectionCode.REJECTION_CODE_RATE_LIMITED);
                    assertThat(reply.getRejection().getMessageId()).isEqualTo(report.getMessageId());
                    assertThat(reply.getRejection().getRetryable()).isTrue();
                    limited.add(report);
                    lastLimit = reply;
                }
                // Another agency system in the middle of the flood: its own allowance is untouched.
                if (i % 10 == 5) {
                    double[] p = {118.05 + i * 0.005, 36.80};
                    GatewayFrame fireReply = fire.exchange(AgencyMessages.fireAlarm(p[0], p[1]).build().toByteArray());
                    assertThat(fireReply.hasAck()).as("fire is not slowed by the police flood: %s", fireReply).isTrue();
                    places.opened(fireReply.getAck().getEffectRef());
                    opened.add(fireReply.getAck().getEffectRef());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(limited).as("the flood is slowed").isNotEmpty();
            assertThat(acked.size()).as("no more admitted than the burst plus the refill over %.1f s", seconds)
                    .isGreaterThanOrEqualTo(BURST)
                    .isLessThanOrEqualTo(BURST + (int) Math.ceil(seconds * PER_SECOND) + 1);
            assertThat(police.isOpen()).as("a flooder is slowed, not cut off").isTrue();

            // Recovery: wait as the last refusal said, and the next message is admitted.
            sleep(retryAfter(lastLimit.getRejection().getReason()));
            Envelope after = places.freshPoliceReport().build();
            GatewayFrame reply = police.exchange(after.toByteArray());
            assertThat(reply.hasAck()).as("after the hinted wait the flooder is admitted again: %s", reply).isTrue();
            acked.add(after);
            opened.add(reply.getAck().getEffectRef());

            // Only what was acknowledged opened incidents, one each; nothing refused left a trace.
            int fireAlarms = 3;
            assertThat(opened).hasSize(acked.size() + fireAlarms);
            Await.until("the acknowledged reports' incidents on the board", Duration.ofSeconds(30),
                    () -> onBoard().containsAll(opened));
            List<IncidentSummary> open = openIncidents();
            for (Envelope refused : limited) {
                double lon = refused.getPoliceReport().getLocation().getPoint().getLongitude();
                double lat = refused.getPoliceReport().getLocation().getPoint().getLatitude();
                assertThat(open).as("no incident at the rate-limited report's place %s,%s", lon, lat)
                        .noneMatch(i -> Math.abs(i.longitude() - lon) < 1e-6 && Math.abs(i.latitude() - lat) < 1e-6);
            }
        }
    }

    @Test
    void aBatchOverTheRateGets429WithRetryAfterAndChangesNothing() throws Exception {
        // The police bucket may be drained by the flood test: the first batch waits as told until admitted.
        Agency police = Agency.AGENCY_POLICE;
        HttpResponse<byte[]> first = postUntilAdmitted(police, batch(BURST));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replies(first.body())).hasSize(BURST).allMatch(GatewayFrame::hasAck);
        Set<String> firstIncidents = incidentsOf(first.body());

        byte[] second = batch(BURST);
        HttpResponse<byte[]> refused = post(police, second);
        assertThat(refused.statusCode()).as("a batch right after a full one is over the rate").isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, (long) Math.ceil(BURST / PER_SECOND));
        JsonNode body = Json.MAPPER.readTree(refused.body());
        assertThat(body.path("field").asText()).isEqualTo("body");
        assertThat(body.path("reason").asText()).contains("retry after " + retryAfter + " s");

        sleep(Duration.ofSeconds(retryAfter));
        HttpResponse<byte[]> again = post(police, second);
        assertThat(again.statusCode()).as("the same batch after Retry-After").isEqualTo(200);
        assertThat(replies(again.body())).hasSize(BURST).allMatch(f -> f.hasAck() && !f.getAck().getDuplicate());
        // Not duplicates above: the refused batch had left no trace, so its resend was a first delivery,
        // and each of its reports opened an incident of its own.
        Set<String> resentIncidents = incidentsOf(again.body());
        assertThat(resentIncidents).hasSize(BURST).doesNotContainAnyElementsOf(firstIncidents);
        Await.until("the resent batch's incidents on the board", Duration.ofSeconds(30),
                () -> onBoard().containsAll(resentIncidents));
    }

    @Test
    void aConnectionOverThePerAgencyCountIsRefusedAtTheUpgradeWithAReason() throws Exception {
        Agency weather = Agency.AGENCY_WEATHER;
        List<RawAgencySocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                held.add(RawAgencySocket.connect(node.baseUri(), weather));
            }
            assertThat(RawAgencySocket.upgradeStatus(node.baseUri(), streamHandshake(weather))).isEqualTo(429);
            String refusal = rawUpgrade(node.baseUri(), streamHandshake(weather));
            assertThat(refusal).startsWith("HTTP/1.1 429").contains("\"field\":\"connections\"")
                    .contains("already holds the " + MAX_CONNECTIONS + " WebSocket connections");
            // Another agency system has its own count.
            assertThat(RawAgencySocket.upgradeStatus(node.baseUri(), streamHandshake(Agency.AGENCY_TRAFFIC)))
                    .isEqualTo(101);

            held.remove(0).close();
            Await.until("the closed connection's place is free again", Duration.ofSeconds(30),
                    () -> RawAgencySocket.upgradeStatus(node.baseUri(), streamHandshake(weather)) == 101);
        } finally {
            held.forEach(RawAgencySocket::close);
        }
    }

    // -- helpers

    private static List<IncidentSummary> openIncidents() {
        return node.server().board().open(county -> true);
    }

    private static Set<String> onBoard() {
        return openIncidents().stream().map(IncidentSummary::incidentId).collect(Collectors.toSet());
    }

    /** The incidents a batch's acknowledgements name. */
    private static Set<String> incidentsOf(byte[] replies) {
        return replies(replies).stream().map(f -> f.getAck().getEffectRef()).collect(Collectors.toSet());
    }

    private static byte[] batch(int reports) {
        List<Envelope> list = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            list.add(places.freshPoliceReport().build());
        }
        return DelimitedFrames.join(list);
    }

    /** A fresh, signed handshake of {@code agency} for opening the stream. */
    private static String streamHandshake(Agency agency) {
        return RunningNode.handshake(agency, "GET", "/v1/agency/stream");
    }

    private static HttpResponse<byte[]> postUntilAdmitted(Agency agency, byte[] body) {
        HttpResponse<byte[]> r = post(agency, body);
        for (int attempt = 0; r.statusCode() == 429 && attempt < 5; attempt++) {
            sleep(Duration.ofSeconds(Long.parseLong(r.headers().firstValue("Retry-After").orElse("1"))));
            r = post(agency, body);
        }
        return r;
    }

    /** POSTs the batch as {@code agency}: a fresh handshake, every frame signed with its key. */
    private static HttpResponse<byte[]> post(Agency agency, byte[] body) {
        List<Envelope> signed = new ArrayList<>();
        for (byte[] frame : DelimitedFrames.split(body, Integer.MAX_VALUE, Integer.MAX_VALUE).frames()) {
            try {
                signed.add(Envelope.parseFrom(RunningNode.signed(agency, frame)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        byte[] signedBody = DelimitedFrames.join(signed);
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.baseUri().resolve("/v1/agency/messages"))
                    .header("Content-Type", RawBatch.PROTOBUF).header("Authorization", RunningNode.handshake(agency, "POST", "/v1/agency/messages"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(signedBody)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("POST to the batch endpoint failed", e);
        }
    }

    private static List<GatewayFrame> replies(byte[] body) {
        List<GatewayFrame> out = new ArrayList<>();
        for (byte[] f : DelimitedFrames.split(body, Integer.MAX_VALUE, Integer.MAX_VALUE).frames()) {
            try {
                out.add(GatewayFrame.parseFrom(f));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static Duration retryAfter(String reason) {
        Matcher m = Pattern.compile("retry after (\\d+) ms").matcher(reason);
        assertThat(m.find()).as("a retry hint in '%s'", reason).isTrue();
        return Duration.ofMillis(Long.parseLong(m.group(1)));
    }

    /** The whole HTTP answer to an upgrade request, read off a plain socket. */
    private static String rawUpgrade(URI base, String authorization) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/agency/stream HTTP/1.1\r\nHost: " + base.getHost() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: " + authorization + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!read.toString(StandardCharsets.UTF_8).contains("}")) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                read.write(buf, 0, n);
            }
            return read.toString(StandardCharsets.UTF_8);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis() + 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
