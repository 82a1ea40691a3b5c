package cn.emcc.bench.ingest;

import cn.emcc.command.trust.DevKeySet;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.Sender;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our side of the ingest benchmark: agency systems on real WebSocket
 * connections to the node's gateway, each keeping a fixed number of reports
 * in flight, timing every report from send to Ack. Retryable rejections are
 * resent here (the client's own resending is off, so each is counted); any
 * other rejection, failure or unanswered report fails the run.
 */
final class AgencyLoad implements AutoCloseable {

    /** The agencies' keys; the node under test uses this set's registry. */
    static final DevKeySet KEYS = devKeys();

    private static DevKeySet devKeys() {
        try {
            return DevKeySet.createOrLoad(java.nio.file.Files.createTempDirectory("emcc-bench-keys"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no temporary folder for the benchmark keys", e);
        }
    }

    private static final int MAX_RESENDS = 5;
    private static final Duration RESEND_DELAY = Duration.ofMillis(100);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private record Connection(AgencyClient client, Agency agency, Semaphore permits) {
    }

    private final List<Connection> connections = new ArrayList<>();
    private final int inFlightPerConnection;
    private final ScheduledExecutorService resendTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-resend");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger sequence = new AtomicInteger();

    AgencyLoad(URI node, IngestSettings settings) {
        this.inFlightPerConnection = settings.inFlightPerConnection();
        for (int i = 0; i < settings.connections(); i++) {
            Agency agency = i % 2 == 0 ? Agency.AGENCY_POLICE : Agency.AGENCY_FIRE;
            AgencyClient client = AgencyClient.builder()
                    .baseUri(node)
                    .credential(KEYS.keyId(agency), KEYS.privateKey(agency))
                    .sender(Sender.newBuilder().setAgency(agency).setAdcode("370000")
                            .setSystemId("bench-" + agency.name().toLowerCase().replace("agency_", "") + "-" + i).build())
                    .maxInFlight(inFlightPerConnection)
                    .maxRetries(0)
                    .build();
            client.connect().join();
            connections.add(new Connection(client, agency, new Semaphore(inFlightPerConnection)));
        }
    }

    /** Sends the plan (each report on a connection of its agency, in plan order) and waits for every answer. */
    PhaseFigures run(String label, List<PlannedReport> plan) throws InterruptedException {
        Phase phase = new Phase(plan.size());
        List<Thread> senders = new ArrayList<>();
        Map<Agency, List<Connection>> byAgency = new ConcurrentHashMap<>();
        connections.forEach(c -> byAgency.computeIfAbsent(c.agency(), a -> new ArrayList<>()).add(c));
        Map<Connection, List<PlannedReport>> queues = new ConcurrentHashMap<>();
        Map<Agency, AtomicInteger> turns = new ConcurrentHashMap<>();
        for (PlannedReport r : plan) {
            List<Connection> candidates = byAgency.get(r.agency());
            if (candidates == null) {
                throw new IllegalStateException("no connection of " + r.agency() + " for a planned report; expected"
                        + " at least 2 connections (police and fire)");
            }
            int turn = turns.computeIfAbsent(r.agency(), a -> new AtomicInteger()).getAndIncrement();
            queues.computeIfAbsent(candidates.get(turn % candidates.size()), c -> new ArrayList<>()).add(r);
        }
        phase.start = System.nanoTime();
        double cpuAtStart = ProcessCpu.seconds();
        try (ProgressTicker ticker = new ProgressTicker(label, plan.size(),
                () -> (int) (plan.size() - phase.done.getCount()))) {
            queues.forEach((connection, queue) -> {
                Thread t = new Thread(() -> sendAll(connection, queue, phase),
                        "bench-sender-" + connection.client().newEnvelope().getSender().getSystemId());
                t.setDaemon(true);
                senders.add(t);
                t.start();
            });
            phase.awaitAll();
            for (Thread t : senders) {
                t.join();
            }
        }
        return phase.figures(connections.size() * inFlightPerConnection, ProcessCpu.seconds() - cpuAtStart);
    }

    private void sendAll(Connection c, List<PlannedReport> queue, Phase phase) {
        try {
            for (PlannedReport r : queue) {
                c.permits().acquire();
                Envelope envelope = ReportEnvelopes.of(c.client(), r, sequence.incrementAndGet());
                send(c, envelope, System.nanoTime(), 0, phase);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Connection c, Envelope envelope, long sentAt, int resends, Phase phase) {
        c.client().send(envelope).whenComplete((reply, error) -> {
            if (error != null) {
                phase.failures.add(envelope.getMessageId() + ": " + error);
            } else if (reply instanceof Reply.Acked acked) {
                phase.latencies.record(System.nanoTime() - sentAt);
                phase.incidents.add(acked.ack().getEffectRef());
                // After a resend a duplicate is right: the first try was filed but answered too late.
                if (acked.ack().getDuplicate() && resends == 0) {
                    phase.failures.add(envelope.getMessageId() + ": acknowledged as a duplicate of "
                            + acked.ack().getEffectRef() + " although sent once");
                }
            } else {
                Rejection rejection = ((Reply.Rejected) reply).rejection();
                phase.rejections.merge(rejection.getCode().name(), 1, Integer::sum);
                if (rejection.getRetryable() && resends < MAX_RESENDS) {
                    phase.retried.incrementAndGet();
                    resendTimer.schedule(() -> send(c, envelope, sentAt, resends + 1, phase),
                            RESEND_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                phase.failures.add(envelope.getMessageId() + ": rejected " + rejection.getCode() + " (retryable "
                        + rejection.getRetryable() + ", after " + resends + " resends) " + rejection.getReason());
            }
            phase.lastAnswer.set(System.nanoTime());
            c.permits().release();
            phase.done.countDown();
        });
    }

    /** The counters of one run over a plan. */
    private static final class Phase {
        final CountDownLatch done;
        final Latencies latencies;
        final Set<String> incidents = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> rejections = new ConcurrentHashMap<>();
        final AtomicInteger retried = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong lastAnswer = new AtomicLong();
        final int total;
        long start;

        Phase(int total) {
            this.total = total;
            this.done = new CountDownLatch(total);
            this.latencies = new Latencies(total);
        }

        /** Waits while answers keep coming; a minute without any is a stuck run. */
        void awaitAll() throws InterruptedException {
            long seen = -1;
            long lastProgress = System.nanoTime();
            while (!done.await(1, TimeUnit.SECONDS)) {
                long now = done.getCount();
                if (now != seen) {
                    seen = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException(now + " of " + total + " reports unanswered and no answer for "
                            + STALL_LIMIT.toSeconds() + " s; rejections so far " + rejections);
                }
            }
        }

        PhaseFigures figures(int inFlight, double cpuSeconds) {
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " of " + total + " reports were not acknowledged"
                        + " (rejections by code " + rejections + "); first: " + failures.peek());
            }
            return new PhaseFigures(latencies.count(), (lastAnswer.get() - start) / 1e9,
                    latencies.percentileMillis(50), latencies.percentileMillis(99), inFlight, incidents.size(),
                    retried.get(), cpuSeconds);
        }
    }

    @Override
    public void close() {
        connections.forEach(c -> c.client().close());
        resendTimer.shutdownNow();
    }
}
