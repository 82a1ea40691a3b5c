package cn.emcc.bench.ingest;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives {@link JournalFloor} in-process, on the node's own sharding, with
 * the same number of asks in flight as our side has reports in flight, each
 * timed from ask to reply. Request i goes to entity {@code i mod entities}, so
 * an entity's next request comes as long after its previous one as a second
 * caller follows the first.
 */
final class JournalFloorLoad {

    private final ClusterSharding sharding;
    private final int inFlight;
    private final Duration askTimeout;

    JournalFloorLoad(ActorSystem<?> system, int inFlight, Duration askTimeout) {
        JournalFloor.init(system);
        this.sharding = ClusterSharding.get(system);
        this.inFlight = inFlight;
        this.askTimeout = askTimeout;
    }

    /** {@code requests} asks over {@code entities} entities named {@code <idPrefix>-<n>}. */
    PhaseFigures run(String label, String idPrefix, int requests, int entities) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        CountDownLatch done = new CountDownLatch(requests);
        Latencies latencies = new Latencies(requests);
        Set<String> asked = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong lastAnswer = new AtomicLong();
        long start = System.nanoTime();
        double cpuAtStart = ProcessCpu.seconds();
        try (ProgressTicker ticker = new ProgressTicker(label, requests, () -> (int) (requests - done.getCount()))) {
            for (int i = 0; i < requests; i++) {
                permits.acquire();
                String entityId = idPrefix + "-" + (i % entities);
                String requestId = idPrefix + "/" + i;
                long sentAt = System.nanoTime();
                sharding.entityRefFor(JournalFloor.ENTITY_TYPE_KEY, entityId)
                        .<JournalFloor.Recorded>ask(replyTo -> new JournalFloor.Record(requestId, replyTo), askTimeout)
                        .whenComplete((recorded, error) -> {
                            if (error != null) {
                                failures.add(requestId + ": " + error);
                            } else {
                                latencies.record(System.nanoTime() - sentAt);
                                asked.add(recorded.entityId());
                            }
                            lastAnswer.set(System.nanoTime());
                            permits.release();
                            done.countDown();
                        });
            }
            if (!done.await(askTimeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(done.getCount() + " of " + requests + " journal-floor asks unanswered "
                        + askTimeout.multipliedBy(2).toSeconds() + " s after the last was sent");
            }
        }
        double cpuSeconds = ProcessCpu.seconds() - cpuAtStart;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " of " + requests + " journal-floor asks failed; first: "
                    + failures.peek());
        }
        return new PhaseFigures(latencies.count(), (lastAnswer.get() - start) / 1e9, latencies.percentileMillis(50),
                latencies.percentileMillis(99), inFlight, asked.size(), 0, cpuSeconds);
    }
}
