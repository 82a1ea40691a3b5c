package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static cn.emcc.protocols.client.Poll.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgencyClientStreamTest extends GatewayTestBase {

    private static final Rejection RATE_LIMITED = Rejection.newBuilder()
            .setCode(RejectionCode.REJECTION_CODE_RATE_LIMITED)
            .setReason("more than 100 messages per second from this agency")
            .setRetryable(true)
            .build();

    @Test
    void everyOneOfAThousandEnvelopesIsAcknowledged() throws Exception {
        try (AgencyClient client = client().build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            List<Envelope> sent = new ArrayList<>();
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Envelope e = unitStatus(client, "119-jinan-engine-" + i);
                sent.add(e);
                replies.add(client.send(e));
            }

            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            for (int i = 0; i < sent.size(); i++) {
                Reply reply = replies.get(i).get();
                assertThat(reply).isInstanceOf(Reply.Acked.class);
                assertThat(reply.messageId()).isEqualTo(sent.get(i).getMessageId());
                assertThat(((Reply.Acked) reply).ack().getDuplicate()).isFalse();
            }
            assertThat(gateway.durable()).containsExactlyInAnyOrderElementsOf(ids(sent));
            assertThat(client.unacknowledged()).isZero();
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void aRejectionIsSurfacedWithItsReasonAndHasNoEffect() throws Exception {
        gateway.rule((envelope, seen) -> envelope.getUnitStatus().getUnitId().isEmpty()
                ? Rejection.newBuilder()
                        .setCode(RejectionCode.REJECTION_CODE_MISSING_FIELD)
                        .setFieldPath("unit_status.unit_id")
                        .setReason("unit_id is empty; expected the agency's unit id")
                        .build()
                : null);
        try (AgencyClient client = client().build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            Envelope good = unitStatus(client, "119-jinan-ladder-2");
            Envelope bad = unitStatus(client, "");

            Reply goodReply = client.send(good).get(30, TimeUnit.SECONDS);
            Reply badReply = client.send(bad).get(30, TimeUnit.SECONDS);

            assertThat(goodReply).isInstanceOf(Reply.Acked.class);
            assertThat(badReply).isInstanceOf(Reply.Rejected.class);
            Rejection rejection = ((Reply.Rejected) badReply).rejection();
            assertThat(rejection.getMessageId()).isEqualTo(bad.getMessageId());
            assertThat(rejection.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_MISSING_FIELD);
            assertThat(rejection.getFieldPath()).isEqualTo("unit_status.unit_id");
            assertThat(gateway.durable()).containsExactly(good.getMessageId());
            assertThat(gateway.receipts()).hasSize(2);
            assertThat(client.unacknowledged()).isZero();
        }
    }

    @Test
    void afterTheGatewayDropsTheConnectionEveryMessageIsResentAndAnsweredExactlyOnce() throws Exception {
        gateway.dropAllInsteadOfAnswering(300);
        Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
        try (AgencyClient client = client().maxInFlight(100).build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            List<Envelope> sent = new ArrayList<>();
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Envelope e = unitStatus(client, "119-jinan-engine-" + i);
                sent.add(e);
                // Wait on the counting stage itself: allOf over the bare futures may return
                // before every callback attached to them has run.
                CompletableFuture<Reply> reply = client.send(e).whenComplete((r, error) ->
                        completions.computeIfAbsent(e.getMessageId(), id -> new AtomicInteger()).incrementAndGet());
                replies.add(reply);
            }

            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            for (int i = 0; i < sent.size(); i++) {
                assertThat(replies.get(i).get()).isInstanceOf(Reply.Acked.class);
                assertThat(replies.get(i).get().messageId()).isEqualTo(sent.get(i).getMessageId());
            }
            assertThat(completions).hasSize(1000);
            assertThat(completions.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(gateway.durable()).containsExactlyInAnyOrderElementsOf(ids(sent));
            assertThat(gateway.connectionsOpened()).isGreaterThanOrEqualTo(2);
            List<StandInGateway.Receipt> receipts = gateway.receipts();
            assertThat(receipts.size()).as("the unanswered 300th and its followers were resent").isGreaterThan(1000);
            assertThat(client.unacknowledged()).isZero();

            // On the new connection the client resends what was unanswered, then carries on: original order throughout.
            Map<String, Integer> position = new LinkedHashMap<>();
            for (int i = 0; i < sent.size(); i++) {
                position.put(sent.get(i).getMessageId(), i);
            }
            List<Integer> onSecondConnection = receipts.stream()
                    .filter(r -> r.connection() == 2)
                    .map(r -> position.get(r.messageId()))
                    .collect(Collectors.toList());
            assertThat(onSecondConnection).isNotEmpty().isSorted().doesNotHaveDuplicates();
            assertThat(onSecondConnection.get(onSecondConnection.size() - 1)).isEqualTo(999);
        }
    }

    @Test
    void aRetryableRejectionIsResentUntilAcknowledged() throws Exception {
        gateway.rule((envelope, seen) -> seen <= 2 ? RATE_LIMITED : null);
        try (AgencyClient client = client().build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            List<Envelope> sent = new ArrayList<>();
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Envelope e = unitStatus(client, "119-jinan-rescue-" + i);
                sent.add(e);
                replies.add(client.send(e));
            }

            for (CompletableFuture<Reply> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS)).isInstanceOf(Reply.Acked.class);
            }
            Map<String, Long> timesReceived = gateway.receipts().stream()
                    .collect(Collectors.groupingBy(StandInGateway.Receipt::messageId, Collectors.counting()));
            assertThat(timesReceived).hasSize(5).allSatisfy((id, n) -> assertThat(n).isEqualTo(3L));
            assertThat(gateway.durable()).containsExactlyInAnyOrderElementsOf(ids(sent));
        }
    }

    @Test
    void aRetryableRejectionIsSurfacedOnceTheTriesAreUsedUp() throws Exception {
        gateway.rule((envelope, seen) -> RATE_LIMITED);
        try (AgencyClient client = client().maxRetries(2).build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            Envelope e = unitStatus(client, "119-jinan-rescue-1");

            Reply reply = client.send(e).get(30, TimeUnit.SECONDS);

            assertThat(reply).isInstanceOf(Reply.Rejected.class);
            assertThat(((Reply.Rejected) reply).rejection().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_RATE_LIMITED);
            assertThat(gateway.receipts()).hasSize(3);
            assertThat(gateway.durable()).isEmpty();
        }
    }

    @Test
    void neverHasMoreThanMaxInFlightUnansweredOnTheWire() throws Exception {
        gateway.holdAnswers(true);
        try (AgencyClient client = client().maxInFlight(8).build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                replies.add(client.send(unitStatus(client, "119-jinan-engine-" + i)));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));

            awaitUntil("the gateway holds 8 unanswered messages", () -> gateway.heldCount() == 8,
                    () -> "held " + gateway.heldCount());
            assertThat(client.unacknowledged()).isEqualTo(50);
            assertThat(replies).noneMatch(CompletableFuture::isDone);

            while (!all.isDone()) {
                awaitUntil("the client sends more or finishes", () -> gateway.heldCount() > 0 || all.isDone());
                gateway.releaseHeld();
            }

            assertThat(gateway.maxHeld()).isEqualTo(8);
            assertThat(gateway.receipts()).hasSize(50);
            assertThat(replies).allSatisfy(r -> assertThat(r.get()).isInstanceOf(Reply.Acked.class));
            assertThat(client.unacknowledged()).isZero();
        }
    }

    @Test
    void sendFailsFastWhenTheQueueBeyondMaxInFlightIsFull() throws Exception {
        gateway.holdAnswers(true);
        try (AgencyClient client = client().maxInFlight(2).maxQueued(3).build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            List<CompletableFuture<Reply>> accepted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                accepted.add(client.send(unitStatus(client, "119-jinan-engine-" + i)));
            }

            CompletableFuture<Reply> overflow = client.send(unitStatus(client, "119-jinan-engine-5"));

            assertThatThrownBy(() -> overflow.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(QueueFullException.class)
                    .hasMessageContaining("maxInFlight 2 + maxQueued 3");
            assertThat(client.unacknowledged()).isEqualTo(5);
            awaitUntil("two messages reach the gateway", () -> gateway.heldCount() == 2);
            gateway.holdAnswers(false);
            gateway.releaseHeld();
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(accepted).allSatisfy(r -> assertThat(r.get()).isInstanceOf(Reply.Acked.class));
        }
    }

    @Test
    void closeFailsEveryPendingFutureAndStopsTheClientsThreads() throws Exception {
        gateway.holdAnswers(true);
        AgencyClient client = client().maxInFlight(4).build();
        client.connect().get(30, TimeUnit.SECONDS);
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            replies.add(client.send(unitStatus(client, "119-jinan-engine-" + i)));
        }
        awaitUntil("four messages reach the gateway", () -> gateway.heldCount() == 4);

        client.close();

        for (CompletableFuture<Reply> reply : replies) {
            assertThatThrownBy(() -> reply.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ClientClosedException.class)
                    .hasMessageContaining("AgencyClient closed");
        }
        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(client.unacknowledged()).isZero();
        assertThatThrownBy(() -> client.send(unitStatus(client, "late")).get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(ClientClosedException.class);
        awaitUntil("no client thread is left", () -> clientThreads().isEmpty(), () -> clientThreads().toString());
    }

    @Test
    void aRefusedCredentialFailsConnectAndStopsTheClient() throws Exception {
        try (AgencyClient client = client().credential(StandInGateway.KEY_ID,
                cn.emcc.protocols.trust.SignatureAlgorithm.ED25519.generate().getPrivate()).build()) {
            CompletableFuture<Reply> pending = client.send(unitStatus(client, "119-jinan-engine-1"));

            assertThatThrownBy(() -> client.connect().get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(GatewayHttpException.class)
                    .hasMessageContaining("answered 401");
            assertThatThrownBy(() -> pending.get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(ClientClosedException.class)
                    .hasMessageContaining("refused the agency credential");
            assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(gateway.receipts()).isEmpty();
        }
    }

    @Test
    void messagesSentBeforeConnectAreDeliveredOnceConnected() throws Exception {
        try (AgencyClient client = client().reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()) {
            CompletableFuture<Reply> early = client.send(unitStatus(client, "119-jinan-engine-1"));
            assertThat(client.unacknowledged()).isEqualTo(1);

            client.connect();

            assertThat(early.get(30, TimeUnit.SECONDS)).isInstanceOf(Reply.Acked.class);
            assertThat(gateway.receipts()).hasSize(1);
        }
    }

    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(AgencyClient.THREAD_PREFIX))
                .collect(Collectors.toList());
    }

    private static List<String> ids(List<Envelope> envelopes) {
        return envelopes.stream().map(Envelope::getMessageId).collect(Collectors.toList());
    }
}
