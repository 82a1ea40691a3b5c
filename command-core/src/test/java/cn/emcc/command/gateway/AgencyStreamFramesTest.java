package cn.emcc.command.gateway;

import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.RejectionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static cn.emcc.command.testsupport.Envelopes.*;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the agency stream does with frames it cannot take, over a real socket:
 * each is answered with a rejection and the connection carries on.
 */
class AgencyStreamFramesTest {

    @TempDir
    Path scratch;

    /** A bare WebSocket, so the test can send what the agency client never would. */
    private static final class RawStream implements WebSocket.Listener {
        final BlockingQueue<GatewayFrame> frames = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                try {
                    frames.add(GatewayFrame.parseFrom(partial.toByteArray()));
                } catch (Exception e) {
                    throw new IllegalStateException("the gateway sent a frame that is no GatewayFrame", e);
                }
                partial.reset();
            }
            ws.request(1);
            return null;
        }

        GatewayFrame next() throws InterruptedException {
            GatewayFrame f = frames.poll(30, TimeUnit.SECONDS);
            assertThat(f).as("a frame from the gateway within 30 s").isNotNull();
            return f;
        }
    }

    @Test
    void an_oversize_frame_and_a_text_frame_are_refused_and_the_next_report_is_acknowledged() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            RawStream listener = new RawStream();
            URI stream = URI.create(node.baseUri().toString().replace("http", "ws") + "/v1/agency/stream");
            WebSocket ws = HttpClient.newBuilder().build().newWebSocketBuilder()
                    .header("Authorization", RunningNode.handshake(Agency.AGENCY_POLICE, "GET", "/v1/agency/stream"))
                    .buildAsync(stream, listener).get(10, TimeUnit.SECONDS);
            AgencyClient police = node.client(Agency.AGENCY_POLICE);

            ws.sendBinary(ByteBuffer.wrap(new byte[300 * 1024]), true).get(10, TimeUnit.SECONDS);
            GatewayFrame tooLarge = listener.next();
            assertThat(tooLarge.getRejection().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_TOO_LARGE);
            assertThat(tooLarge.getRejection().getReason()).contains("307200 bytes").contains("262144");

            ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
            assertThat(listener.next().getRejection().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_MALFORMED);

            var report = policeReport(police, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_TRAFFIC_ACCIDENT,
                    Casualties.getDefaultInstance());
            ws.sendBinary(ByteBuffer.wrap(RunningNode.signed(Agency.AGENCY_POLICE, report)), true).get(10, TimeUnit.SECONDS);
            GatewayFrame ack = listener.next();
            assertThat(ack.hasAck()).as("%s", ack).isTrue();
            assertThat(ack.getAck().getMessageId()).isEqualTo(report.getMessageId());
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }
}
