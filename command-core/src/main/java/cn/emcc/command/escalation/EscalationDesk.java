package cn.emcc.command.escalation;

import cn.emcc.command.incident.Who;
import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.EscalationKind;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Tier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The escalation notices (信息报送) of one command node above the counties:
 * which incidents this node has been told it leads (or no longer leads), and
 * which of those notices its duty officers have acknowledged. One sharded,
 * event-sourced entity per node adcode, so a notice and its acknowledgement
 * survive any restart. The node's latest notice per incident is what counts;
 * a newer one supersedes it and needs its own acknowledgement.
 */
public final class EscalationDesk
        extends EventSourcedBehaviorWithEnforcedReplies<EscalationDesk.Command, EscalationDesk.Event, EscalationDesk.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "EscalationDesk");

    /** Every desk's events carry this one tag; the node streams read them. */
    public static final String TAG = "escalation";

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    /**
     * Tell this node about an incident. {@code causeAt} is the time of the
     * incident event that caused it: a notice caused no later than the one the
     * desk already holds is a repeat (another process, a replay) and changes nothing.
     */
    public record RaiseNotice(String incidentId, EscalationKind kind, String countyAdcode, Grade grade, Tier leadTier,
                              Instant causeAt, ActorRef<Done> replyTo) implements Command {
    }

    /** {@code revision} 0 acknowledges whatever notice is current. */
    public record AcknowledgeNotice(String incidentId, int revision, Who by,
                                    ActorRef<StatusReply<Notice>> replyTo) implements Command {
    }

    public record GetNotices(ActorRef<List<Notice>> replyTo) implements Command {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
        String nodeAdcode();

        String incidentId();
    }

    public record NoticeRaised(String nodeAdcode, String incidentId, int revision, EscalationKind kind,
                               String countyAdcode, Grade grade, Tier leadTier, Instant raisedAt,
                               Instant causeAt) implements Event {
    }

    public record NoticeAcknowledged(String nodeAdcode, String incidentId, int revision, Who by,
                                     Instant at) implements Event {
    }

    // ------------------------------------------------------------------- state

    /** The current notice about one incident at this node. */
    public record Notice(String incidentId, int revision, EscalationKind kind, String countyAdcode, Grade grade,
                         Tier leadTier, Instant raisedAt, Instant causeAt, boolean acknowledged,
                         String acknowledgedBy) implements CborSerializable {
    }

    public record State(Map<String, Notice> notices) implements CborSerializable {
        public State {
            notices = Map.copyOf(notices);
        }
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), clock)));
    }

    public static Behavior<Command> create(String nodeAdcode, Clock clock) {
        return new EscalationDesk(nodeAdcode, clock);
    }

    private final String nodeAdcode;
    private final Clock clock;

    private EscalationDesk(String nodeAdcode, Clock clock) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), nodeAdcode), JournalFailure.restartWithBackoff());
        this.nodeAdcode = nodeAdcode;
        this.clock = clock;
    }

    @Override
    public State emptyState() {
        return new State(Map.of());
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return Set.of(TAG);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(RaiseNotice.class, this::raise)
                .onCommand(AcknowledgeNotice.class, this::acknowledge)
                .onCommand(GetNotices.class, (s, c) -> Effect().reply(c.replyTo(), List.copyOf(s.notices().values())))
                .build();
    }

    private ReplyEffect<Event, State> raise(State s, RaiseNotice c) {
        Notice current = s.notices().get(c.incidentId());
        if (current != null && !c.causeAt().isAfter(current.causeAt())) {
            return Effect().reply(c.replyTo(), Done.getInstance());
        }
        int revision = current == null ? 1 : current.revision() + 1;
        return Effect().persist(new NoticeRaised(nodeAdcode, c.incidentId(), revision, c.kind(), c.countyAdcode(),
                        c.grade(), c.leadTier(), clock.instant(), c.causeAt()))
                .thenReply(c.replyTo(), st -> Done.getInstance());
    }

    private ReplyEffect<Event, State> acknowledge(State s, AcknowledgeNotice c) {
        Notice current = s.notices().get(c.incidentId());
        if (current == null) {
            return Effect().reply(c.replyTo(), StatusReply.error("node " + nodeAdcode
                    + " has no escalation notice about incident " + c.incidentId() + " (does not exist)"));
        }
        if (c.revision() != 0 && c.revision() != current.revision()) {
            return Effect().reply(c.replyTo(), StatusReply.error("revision " + c.revision() + " of the notice about "
                    + c.incidentId() + " is superseded; expected the current revision " + current.revision()));
        }
        if (current.acknowledged()) {
            return Effect().reply(c.replyTo(), StatusReply.success(current));
        }
        return Effect().persist(new NoticeAcknowledged(nodeAdcode, c.incidentId(), current.revision(), c.by(),
                        clock.instant()))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.notices().get(c.incidentId())));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(NoticeRaised.class, (s, e) -> with(s, new Notice(e.incidentId(), e.revision(), e.kind(),
                        e.countyAdcode(), e.grade(), e.leadTier(), e.raisedAt(), e.causeAt(), false, "")))
                .onEvent(NoticeAcknowledged.class, (s, e) -> {
                    Notice n = s.notices().get(e.incidentId());
                    return with(s, new Notice(n.incidentId(), n.revision(), n.kind(), n.countyAdcode(), n.grade(),
                            n.leadTier(), n.raisedAt(), n.causeAt(), true, e.by().toString()));
                })
                .build();
    }

    private static State with(State s, Notice n) {
        Map<String, Notice> notices = new HashMap<>(s.notices());
        notices.put(n.incidentId(), n);
        return new State(notices);
    }
}
