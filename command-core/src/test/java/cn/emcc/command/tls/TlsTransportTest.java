package cn.emcc.command.tls;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.NodeStreamClient;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Envelope;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static cn.emcc.command.testsupport.Envelopes.JINAN_LAT;
import static cn.emcc.command.testsupport.Envelopes.JINAN_LON;
import static cn.emcc.command.testsupport.Envelopes.policeReport;
import static cn.emcc.protocols.v1.Agency.AGENCY_POLICE;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node with TLS on and no certificate configured serves its self-signed
 * development certificate, and everything works over it for a client that
 * trusts that certificate: the agency WebSocket and batch POST, an officer's
 * HTTP endpoint and a command node's live stream. A client that trusts only
 * the usual CAs gets no connection at all.
 */
class TlsTransportTest {

    @TempDir
    static Path scratch;

    private static TestStore store;
    private static RunningNode node;

    @BeforeAll
    static void startNode() {
        store = JournalUnderTest.H2.freshStore(scratch);
        node = RunningNode.start(store, ConfigFactory.parseString("emcc.http.tls.enabled = on"));
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
    void the_node_serves_https_with_the_development_certificate() {
        assertThat(node.baseUri().getScheme()).isEqualTo("https");
        assertThat(node.server().tls()).hasValueSatisfying(tls -> {
            assertThat(tls.development()).isTrue();
            assertThat(tls.certificateFile()).contains(RunningNode.KEYS.tlsCertificate());
        });
    }

    @Test
    void agency_stream_batch_officer_endpoint_and_node_stream_all_work_over_tls() throws Exception {
        AgencyClient police = node.client(AGENCY_POLICE);
        Envelope streamed = policeReport(police, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_TRAFFIC_ACCIDENT,
                Casualties.getDefaultInstance());
        Reply viaStream = police.send(streamed).get(30, TimeUnit.SECONDS);
        assertThat(viaStream).as("%s", viaStream).isInstanceOf(Reply.Acked.class);
        String incident = ((Reply.Acked) viaStream).ack().getEffectRef();

        List<Reply> viaBatch = police.postBatch(List.of(policeReport(police, JINAN_LON + 0.2, JINAN_LAT,
                INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, Casualties.getDefaultInstance()))).get(30, TimeUnit.SECONDS);
        assertThat(viaBatch.get(0)).as("%s", viaBatch.get(0)).isInstanceOf(Reply.Acked.class);

        HttpResponse<String> officer = node.get("/v1/incidents/" + incident);
        assertThat(officer.statusCode()).as(officer.body()).isEqualTo(200);
        assertThat(officer.body()).contains(incident);

        try (NodeStreamClient jinan = new NodeStreamClient(node.baseUri(), "370100", false, node.token("tls.officer@370100"))
                .connect(NodeStreamClient.ResumeBy.NOTHING)) {
            Await.until("the Jinan node's stream shows the incident", Duration.ofSeconds(30),
                    () -> jinan.incidents().containsKey(incident));
        }
    }

    @Test
    void a_client_that_does_not_trust_the_development_certificate_gets_no_connection() {
        HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(node.baseUri().resolve("/v1/incidents?within=370000"))
                .build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }
}
