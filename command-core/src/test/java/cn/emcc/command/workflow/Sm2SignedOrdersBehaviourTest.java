package cn.emcc.command.workflow;

import cn.emcc.command.http.Json;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RawAgencySocket;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.RefusedOrder;
import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.OrderKeys;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.Sender;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.awaitOrders;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.count;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.verifiedFireWithEnginesOrdered;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node deployed for GM/T (emcc.orders.signing.algorithm = SM2), over its
 * real sockets: it publishes its SM2 order key at GET /v1/agency/order-key;
 * a real 119 AgencyClient that installed that key (and only that key)
 * verifies the dispatch orders of a real dispatch with SM2 and accepts them;
 * a client that trusts another key refuses the very same orders; and the
 * exact bytes of a delivered order, checked the way the client checks them,
 * stop verifying once one field is changed, once the signature is changed,
 * or once the signature is taken off. And a real order altered on its way
 * (a relay between client and node changes the unit it names) is refused by
 * the real client and left unanswered, so the real order, delivered intact
 * once the client connects directly, is still accepted.
 */
class Sm2SignedOrdersBehaviourTest {

    @TempDir
    Path scratch;

    private static AgencyClient.Builder fireClient(RunningNode node, OrderKeys trusted, String systemId) {
        return AgencyClient.builder()
                .baseUri(node.baseUri())
                .credential(RunningNode.KEYS.keyId(Agency.AGENCY_FIRE), RunningNode.KEYS.privateKey(Agency.AGENCY_FIRE))
                .orderKeys(trusted)
                .sender(Sender.newBuilder().setAgency(Agency.AGENCY_FIRE).setSystemId(systemId).setAdcode("370000").build())
                .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    @Test
    void an_sm2_node_publishes_its_key_and_a_real_agency_client_verifies_and_accepts_its_orders() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(store, ConfigFactory.parseString("emcc.orders.signing.algorithm = SM2"))) {
            HttpResponse<String> answer = node.get("/v1/agency/order-key");
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode published = Json.MAPPER.readTree(answer.body());
            assertThat(published.path("algorithm").asText()).isEqualTo("SM2");
            PublicKey orderKey = KeyPem.publicKey(published.path("publicKey").asText(), "GET /v1/agency/order-key");
            assertThat(SignatureAlgorithm.of(orderKey)).isEqualTo(SignatureAlgorithm.SM2);
            assertThat(orderKey).isEqualTo(RunningNode.KEYS.orderKey(SignatureAlgorithm.SM2));
            String keyId = published.path("keyId").asText();
            assertThat(keyId).isEqualTo(KeyPem.fingerprint(orderKey));
            OrderKeys installed = OrderKeys.of(orderKey);

            Map<String, DispatchOrder> accepted = new ConcurrentHashMap<>();
            List<RefusedOrder> refusedByInstaller = new CopyOnWriteArrayList<>();
            List<RefusedOrder> refusedByStranger = new CopyOnWriteArrayList<>();
            try (RawAgencySocket raw = RawAgencySocket.connect(node.baseUri(), Agency.AGENCY_FIRE);
                 AgencyClient fire = fireClient(node, installed, "sm2-119")
                         .onRefusedOrder(refusedByInstaller::add)
                         .orderHandler(order -> {
                             accepted.put(order.getOrderId(), order);
                             return OrderAcknowledgement.newBuilder()
                                     .setDecision(OrderDecision.ORDER_DECISION_ACCEPTED).build();
                         }).build();
                 // A 119 system that still trusts only emcc's Ed25519 key.
                 AgencyClient stranger = fireClient(node,
                         OrderKeys.of(RunningNode.KEYS.orderKey(SignatureAlgorithm.ED25519)), "ed25519-119")
                         .onRefusedOrder(refusedByStranger::add).build()) {
                fire.connect().join();
                stranger.connect().join();

                String incident = verifiedFireWithEnginesOrdered(node);
                awaitOrders(node, incident, "the 119 system verified and accepted both engine orders",
                        () -> count(node, incident, "ACCEPTED", 2));
                assertThat(accepted.values()).hasSize(2).allSatisfy(o -> {
                    assertThat(o.getIncidentId()).isEqualTo(incident);
                    assertThat(o.getAgency()).isEqualTo(Agency.AGENCY_FIRE);
                });
                assertThat(refusedByInstaller).isEmpty();

                Await.until("the client without the SM2 key refused both orders", Duration.ofSeconds(30),
                        () -> refusedByStranger.size() >= 2);
                assertThat(refusedByStranger).allSatisfy(r -> assertThat(r.reason())
                        .contains("is signed by key '" + keyId + "'"));
                assertThat(refusedByStranger).extracting(r -> r.envelope().getDispatchOrder().getOrderId())
                        .containsAll(accepted.keySet());

                // The same orders as bytes on the wire, checked as AgencyClient checks them.
                for (int i = 0; i < 2; i++) {
                    byte[] frameWire = raw.nextReply().toByteArray();
                    byte[] wire = EnvelopeSignatures.embedded(frameWire, GatewayFrame.ENVELOPE_FIELD_NUMBER).orElseThrow();
                    Envelope order = Envelope.parseFrom(wire);
                    assertThat(order.getKind()).isEqualTo(MessageKind.MESSAGE_KIND_DISPATCH_ORDER);
                    assertThat(accepted).containsKey(order.getDispatchOrder().getOrderId());
                    assertThat(order.getSignature().getAlgorithm()).isEqualTo("SM2");
                    assertThat(order.getSignature().getKeyId()).isEqualTo(keyId);
                    assertThat(installed.problem(order, wire)).isEmpty();
                    assertThat(SignatureAlgorithm.SM2.verify(orderKey, EnvelopeSignatures.signedBytes(wire),
                            order.getSignature().getValue().toByteArray())).isTrue();

                    Envelope elsewhere = order.toBuilder().setDispatchOrder(order.getDispatchOrder().toBuilder()
                            .setLocation(order.getDispatchOrder().getLocation().toBuilder().setAddress("别处"))).build();
                    assertThat(installed.problem(elsewhere, elsewhere.toByteArray())).get().asString()
                            .contains("altered or signed by someone else");

                    byte[] value = order.getSignature().getValue().toByteArray();
                    value[value.length - 1] ^= 0x01;
                    Envelope badSignature = order.toBuilder().setSignature(order.getSignature().toBuilder()
                            .setValue(ByteString.copyFrom(value))).build();
                    assertThat(installed.problem(badSignature, badSignature.toByteArray())).get().asString()
                            .contains("altered or signed by someone else");

                    Envelope unsigned = order.toBuilder().clearSignature().build();
                    assertThat(installed.problem(unsigned, unsigned.toByteArray())).get().asString()
                            .contains("is unsigned");
                }
            }
        }
    }

    @Test
    void an_order_altered_between_node_and_client_is_refused_and_the_real_order_still_gets_through() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(store, ConfigFactory.parseString("emcc.orders.signing.algorithm = SM2"))) {
            OrderKeys installed = OrderKeys.of(KeyPem.publicKey(
                    Json.MAPPER.readTree(node.get("/v1/agency/order-key").body()).path("publicKey").asText(), "order-key"));
            List<RefusedOrder> refused = new CopyOnWriteArrayList<>();
            Map<String, DispatchOrder> handled = new ConcurrentHashMap<>();
            String incident;
            try (TamperingRelay relay = TamperingRelay.start(node);
                 AgencyClient fooled = AgencyClient.builder()
                         .baseUri(relay.baseUri())
                         .credential(RunningNode.KEYS.keyId(Agency.AGENCY_FIRE), RunningNode.KEYS.privateKey(Agency.AGENCY_FIRE))
                         .orderKeys(installed)
                         .sender(Sender.newBuilder().setAgency(Agency.AGENCY_FIRE).setSystemId("behind-relay-119")
                                 .setAdcode("370000").build())
                         .onRefusedOrder(refused::add)
                         .orderHandler(order -> {
                             handled.put(order.getOrderId(), order);
                             return OrderAcknowledgement.newBuilder()
                                     .setDecision(OrderDecision.ORDER_DECISION_ACCEPTED).build();
                         }).build()) {
                fooled.connect().join();
                incident = verifiedFireWithEnginesOrdered(node);
                Await.until("both altered orders refused", Duration.ofSeconds(60), () -> refused.size() >= 2);
                assertThat(relay.altered.get()).isGreaterThanOrEqualTo(2);
                assertThat(refused).allSatisfy(r -> {
                    assertThat(r.reason()).contains("altered or signed by someone else");
                    assertThat(r.envelope().getDispatchOrder().getUnitId()).endsWith("X");
                });
                assertThat(handled).as("no altered order reached the order handler").isEmpty();
                assertThat(count(node, incident, "ACCEPTED", 0)).as("nothing was acknowledged").isTrue();
            }

            Map<String, DispatchOrder> accepted = new ConcurrentHashMap<>();
            List<RefusedOrder> refusedDirect = new CopyOnWriteArrayList<>();
            try (AgencyClient direct = fireClient(node, installed, "direct-119")
                    .onRefusedOrder(refusedDirect::add)
                    .orderHandler(order -> {
                        accepted.put(order.getOrderId(), order);
                        return OrderAcknowledgement.newBuilder().setDecision(OrderDecision.ORDER_DECISION_ACCEPTED).build();
                    }).build()) {
                direct.connect().join();
                awaitOrders(node, incident, "the intact orders accepted over a direct connection",
                        () -> count(node, incident, "ACCEPTED", 2));
                assertThat(accepted.values()).allSatisfy(o -> assertThat(o.getUnitId()).doesNotEndWith("X"));
                assertThat(refusedDirect).isEmpty();
            }
        }
    }

    /**
     * A man in the middle on the agency stream: passes the client's upgrade (its handshake
     * header) and frames to the node as they are, and hands each dispatch order back with
     * the last character of its unit id changed to 'X', the signature kept.
     */
    private static final class TamperingRelay implements AutoCloseable {

        private final ServerBinding binding;
        final AtomicInteger altered = new AtomicInteger();

        private TamperingRelay(ServerBinding binding) {
            this.binding = binding;
        }

        static TamperingRelay start(RunningNode node) throws Exception {
            var system = node.server().system();
            Http http = Http.get(system);
            Materializer materializer = Materializer.matFromSystem(system);
            String stream = "ws://" + node.baseUri().getHost() + ":" + node.baseUri().getPort() + "/v1/agency/stream";
            TamperingRelay[] self = new TamperingRelay[1];
            Route route = pathPrefix("v1", () -> pathPrefix("agency", () -> path("stream", () ->
                    optionalHeaderValueByName("Authorization", auth -> handleWebSocketMessages(Flow.<Message>create()
                            .mapAsync(1, m -> strict(m, materializer))
                            .via(http.webSocketClientFlow(WebSocketRequest.create(stream)
                                    .addHeader(HttpHeader.parse("Authorization", auth.orElse("")))))
                            .mapAsync(1, m -> strict(m, materializer))
                            .map(m -> m.isText() ? m : (Message) BinaryMessage.create(org.apache.pekko.util.ByteString.fromArray(
                                    self[0].alter(m.asBinaryMessage().getStrictData().toArray())))))))));
            ServerBinding binding = http.newServerAt("127.0.0.1", 0).bind(route).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            self[0] = new TamperingRelay(binding);
            return self[0];
        }

        private static CompletionStage<Message> strict(Message m, Materializer materializer) {
            return m.isText()
                    ? m.asTextMessage().toStrict(10_000, materializer).thenApply(t -> (Message) t)
                    : m.asBinaryMessage().toStrict(10_000, materializer).thenApply(b -> (Message) b);
        }

        private byte[] alter(byte[] frame) throws Exception {
            GatewayFrame parsed = GatewayFrame.parseFrom(frame);
            if (!parsed.hasEnvelope() || !parsed.getEnvelope().hasDispatchOrder()) {
                return frame;
            }
            byte[] unit = parsed.getEnvelope().getDispatchOrder().getUnitId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // The last occurrence: the unit_id field (the message and order ids, earlier, contain it too).
            for (int i = frame.length - unit.length; i >= 0; i--) {
                if (java.util.Arrays.equals(frame, i, i + unit.length, unit, 0, unit.length)) {
                    byte[] changed = frame.clone();
                    changed[i + unit.length - 1] = 'X';
                    altered.incrementAndGet();
                    return changed;
                }
            }
            throw new AssertionError("unit id not found in the frame");
        }

        URI baseUri() {
            return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
        }

        @Override
        public void close() throws Exception {
            binding.unbind().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
