package cn.emcc.command.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The audit log as a node's recorders see it: {@link #append} a record and learn
 * when it is durable. Records are queued on the node, grouped into batches (up
 * to {@code batch-max}, at most {@code batch-delay} apart), split by chain, and
 * each chain's part is appended to its {@link AuditChain} entity in one write.
 * The queue is bounded: a node that cannot store entries as fast as actions
 * happen refuses the excess rather than holding it in memory. A chain write
 * that fails (typically an ask timeout while the chain recovers on another
 * node) is queued again, up to {@value #ATTEMPTS} writes in all; when the
 * failed write had in fact been stored, the record appears twice in its chain.
 */
public final class AuditLog {

    private record Pending(String chain, AuditRecord record, CompletableFuture<Done> durable, int attempt) {
        Pending again() {
            return new Pending(chain, record, durable, attempt + 1);
        }
    }

    /** Writes of a record before it is given up (and its failure reported). */
    private static final int ATTEMPTS = 3;

    private final ClusterSharding sharding;
    private final AuditSettings settings;
    private final ChainIds chains;
    private final Clock clock;
    private final BoundedSourceQueue<Pending> queue;

    private AuditLog(ActorSystem<?> system, AuditSettings settings, Clock clock) {
        this.sharding = ClusterSharding.get(system);
        this.settings = settings;
        this.chains = settings.chains();
        this.clock = clock;
        this.queue = Source.<Pending>queue(settings.buffer())
                .groupedWithin(settings.batchMax(), settings.batchDelay())
                .mapAsyncUnordered(settings.parallelism(), this::flush)
                .to(Sink.ignore())
                .run(system);
    }

    /** Registers the chain entities and starts this node's batching. */
    public static AuditLog start(ActorSystem<?> system, AuditSettings settings, Clock clock) {
        AuditChain.init(system, settings, clock);
        return new AuditLog(system, settings, clock);
    }

    public AuditSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** Completes once the record is an entry of its chain in the store; fails if it could not be. */
    public CompletionStage<Done> append(AuditRecord record) {
        Pending pending = new Pending(chains.chainFor(record), record, new CompletableFuture<>(), 1);
        enqueue(pending, null);
        return pending.durable();
    }

    private void enqueue(Pending pending, Throwable previousFailure) {
        QueueOfferResult offered = queue.offer(pending);
        if (offered != QueueOfferResult.enqueued()) {
            IllegalStateException refused = new IllegalStateException("audit queue refused the entry (" + offered
                    + "; emcc.audit.buffer = " + settings.buffer() + ")");
            if (previousFailure != null) {
                refused.addSuppressed(previousFailure);
            }
            pending.durable().completeExceptionally(refused);
        }
    }

    private CompletionStage<Done> flush(List<Pending> batch) {
        Map<String, List<Pending>> byChain = new LinkedHashMap<>();
        for (Pending p : batch) {
            byChain.computeIfAbsent(p.chain(), c -> new ArrayList<>()).add(p);
        }
        List<CompletableFuture<?>> writes = new ArrayList<>(byChain.size());
        byChain.forEach((chain, pendings) -> writes.add(sharding.entityRefFor(AuditChain.ENTITY_TYPE_KEY, chain)
                .<AuditChain.Head>askWithStatus(replyTo -> new AuditChain.Append(
                        pendings.stream().map(Pending::record).toList(), replyTo), settings.appendTimeout())
                .whenComplete((head, failure) -> pendings.forEach(p -> {
                    if (failure == null) {
                        p.durable().complete(Done.getInstance());
                    } else if (p.attempt() < ATTEMPTS) {
                        enqueue(p.again(), failure);
                    } else {
                        p.durable().completeExceptionally(failure);
                    }
                }))
                .toCompletableFuture()));
        // One chain's failure fails its own records only; the stream goes on.
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .handle((ok, failure) -> Done.getInstance());
    }
}
