package cn.emcc.command.audit;

import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One audit chain ({@link ChainIds}): a sharded, event-sourced entity whose
 * events are the chain's {@link AuditEntry entries}, so the journal (H2 or
 * Cassandra, whichever the node runs on) is the audit store and there is one
 * writer per chain in the whole cluster. Entry {@code seq} equals the journal's
 * sequence number. A batch of records is linked and persisted in one write.
 *
 * <p>Anchoring: {@code anchor-every} after its head last changed, a chain appends
 * its head ({@code target = <chain>#<seq>}, {@code code = <hash>}) to the day's
 * anchor chain. The verifier holds each chain against its anchors, so entries
 * removed from the end of a chain, up to its last anchored head, are reported.
 */
public final class AuditChain
        extends EventSourcedBehaviorWithEnforcedReplies<AuditChain.Command, AuditEntry, AuditChain.Head> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "AuditChain");

    /** Persistence ids of audit chains start with this: the entity type name and Pekko's separator. */
    public static final String PERSISTENCE_ID_PREFIX = ENTITY_TYPE_KEY.name() + "|";

    public sealed interface Command extends CborSerializable {
    }

    /** Append {@code records} in this order; answered with the chain's new head once durable. */
    public record Append(List<AuditRecord> records, ActorRef<StatusReply<Head>> replyTo) implements Command {
        public Append {
            records = List.copyOf(records);
        }
    }

    /** The timer's: write the head to the anchor chain if it moved since the last time. */
    private record AnchorHead() implements Command {
    }

    /** The last entry of a chain: {@code seq} 0 and the genesis hash for an empty one. */
    public record Head(long seq, String hash) implements CborSerializable {
    }

    public static void init(ActorSystem<?> system, AuditSettings settings, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
                ctx -> create(ctx.getEntityId(), settings, clock)));
    }

    public static Behavior<Command> create(String chain, AuditSettings settings, Clock clock) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new AuditChain(chain, settings, clock, ctx, timers)));
    }

    private final String chain;
    private final AuditSettings settings;
    private final Clock clock;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final boolean anchorsOthers;
    private long anchoredSeq;

    private AuditChain(String chain, AuditSettings settings, Clock clock, ActorContext<Command> context,
                       TimerScheduler<Command> timers) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), chain), JournalFailure.restartWithBackoff());
        this.chain = chain;
        this.settings = settings;
        this.clock = clock;
        this.context = context;
        this.timers = timers;
        this.anchorsOthers = ChainIds.isAnchor(chain);
    }

    @Override
    public Head emptyState() {
        return new Head(0, HashAlgorithm.GENESIS);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Recovery reads the head from a snapshot; the events themselves are never deleted.
        return RetentionCriteria.snapshotEvery(1000, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, AuditEntry, Head> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Append.class, this::append)
                .onCommand(AnchorHead.class, this::anchor)
                .build();
    }

    private ReplyEffect<AuditEntry, Head> append(Head head, Append c) {
        if (c.records().isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.success(head));
        }
        List<AuditEntry> entries = new ArrayList<>(c.records().size());
        long seq = head.seq();
        String prev = head.hash();
        for (AuditRecord r : c.records()) {
            AuditEntry e = AuditEntry.link(chain, ++seq, r, settings.hash(), prev);
            entries.add(e);
            prev = e.hash();
        }
        return Effect().persist(entries)
                .thenRun(this::scheduleAnchor)
                .thenReply(c.replyTo(), StatusReply::success);
    }

    private void scheduleAnchor(Head head) {
        if (!anchorsOthers && head.seq() > anchoredSeq && !timers.isTimerActive("anchor")) {
            timers.startSingleTimer("anchor", new AnchorHead(), settings.anchorEvery());
        }
    }

    private ReplyEffect<AuditEntry, Head> anchor(Head head, AnchorHead c) {
        if (head.seq() > anchoredSeq) {
            long seq = head.seq();
            AuditRecord record = new AuditRecord(AuditActor.system(), "audit.anchor", chain + "#" + seq, "",
                    Outcome.ALLOWED, head.hash(), clock.instant());
            String anchorChain = settings.chains().anchorChain(record.at());
            ClusterSharding.get(context.getSystem()).entityRefFor(ENTITY_TYPE_KEY, anchorChain)
                    .<Head>askWithStatus(replyTo -> new Append(List.of(record), replyTo), settings.appendTimeout())
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            context.getLog().warn("head {} of audit chain {} not anchored: {}", seq, chain,
                                    failure.toString());
                        }
                    });
            // A lost anchor leaves that tail unanchored until the chain moves again; it is not retried.
            anchoredSeq = seq;
        }
        return Effect().noReply();
    }

    @Override
    public EventHandler<Head, AuditEntry> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(AuditEntry.class, (head, e) -> new Head(e.seq(), e.hash()))
                .build();
    }

    @Override
    public SignalHandler<Head> signalHandler() {
        // A chain woken after a crash anchors the head it recovered, in case the last anchor was lost.
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), this::scheduleAnchor)
                .build();
    }
}
