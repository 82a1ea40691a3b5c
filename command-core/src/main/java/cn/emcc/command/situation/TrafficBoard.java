package cn.emcc.command.situation;

import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.TrafficCondition;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The traffic conditions (路况) of the province by condition id: a later
 * message with the same id replaces the earlier one, {@code cleared} ends it,
 * and {@code valid_until} ends it by itself. One sharded entity ("province"),
 * read by the travel-time model.
 */
public final class TrafficBoard
        extends EventSourcedBehaviorWithEnforcedReplies<TrafficBoard.Command, TrafficBoard.Event, TrafficBoard.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "TrafficBoard");
    public static final String PROVINCE = "province";
    public static final String TAG = "traffic";

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    /**
     * Apply one traffic condition; a message id already applied is answered as
     * before with {@code duplicate = true}.
     *
     * @param conditionProto emcc.v1.TrafficCondition bytes, already validated by the gateway
     */
    public record ApplyTrafficCondition(String messageId, byte[] conditionProto,
                                        ActorRef<StatusReply<TrafficConditionApplied>> replyTo) implements Command {
    }

    public record TrafficConditionApplied(String messageId, String conditionId,
                                          boolean duplicate) implements CborSerializable {
    }

    /** The conditions whose {@code valid_until} is after {@code at}. */
    public record GetTrafficConditions(Instant at, ActorRef<TrafficConditions> replyTo) implements Command {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
        String messageId();

        Instant at();

        String conditionId();
    }

    /** A new or replacing condition. */
    public record TrafficConditionReported(String messageId, Instant at, String conditionId,
                                           byte[] condition) implements Event {
    }

    /** The condition is over before its valid_until. */
    public record TrafficConditionCleared(String messageId, Instant at, String conditionId) implements Event {
    }

    // ------------------------------------------------------------------- state

    /** A condition as kept: its bytes and the time it ends by itself. */
    public record StoredCondition(byte[] proto, Instant validUntil) implements CborSerializable {
    }

    public record State(Map<String, StoredCondition> conditions, MessageWindow messages) implements CborSerializable {

        static State empty() {
            return new State(Map.of(), MessageWindow.empty());
        }
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, SituationSettings settings, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
                ctx -> create(ctx.getEntityId(), settings, clock)));
    }

    public static EntityRef<Command> province(ActorSystem<?> system) {
        return ClusterSharding.get(system).entityRefFor(ENTITY_TYPE_KEY, PROVINCE);
    }

    public static Behavior<Command> create(String boardId, SituationSettings settings, Clock clock) {
        return new TrafficBoard(boardId, settings, clock);
    }

    private final SituationSettings settings;
    private final Clock clock;

    private TrafficBoard(String boardId, SituationSettings settings, Clock clock) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), boardId),
                JournalFailure.restartWithBackoff());
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public State emptyState() {
        return State.empty();
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
                .onCommand(ApplyTrafficCondition.class, (s, c) -> apply(s, c))
                .onCommand(GetTrafficConditions.class, (s, c) -> valid(s, c))
                .build();
    }

    private ReplyEffect<Event, State> apply(State s, ApplyTrafficCondition c) {
        Optional<MessageWindow.Seen> seen = s.messages().find(c.messageId());
        if (seen.isPresent()) {
            return Effect().reply(c.replyTo(),
                    StatusReply.success(new TrafficConditionApplied(c.messageId(), seen.get().subject(), true)));
        }
        TrafficCondition t;
        try {
            t = TrafficCondition.parseFrom(c.conditionProto());
        } catch (InvalidProtocolBufferException e) {
            return Effect().reply(c.replyTo(), StatusReply.error("conditionProto of message " + c.messageId()
                    + ": expected emcc.v1.TrafficCondition bytes: " + e.getMessage()));
        }
        if (t.getConditionId().isBlank()) {
            return Effect().reply(c.replyTo(), StatusReply.error("condition_id: must not be empty"));
        }
        Instant now = clock.instant();
        Event event;
        if (t.getCleared()) {
            // Clearing an unknown or already expired condition is still recorded: the
            // sender's intent is met and a resend must be recognised.
            event = new TrafficConditionCleared(c.messageId(), now, t.getConditionId());
        } else if (!Timestamps.isSet(t.getValidUntil())) {
            return Effect().reply(c.replyTo(), StatusReply.error("valid_until: must be set on condition "
                    + t.getConditionId() + " unless it is cleared; a condition without it would never end"));
        } else {
            event = new TrafficConditionReported(c.messageId(), now, t.getConditionId(), c.conditionProto());
        }
        return Effect().persist(event).thenReply(c.replyTo(),
                st -> StatusReply.success(new TrafficConditionApplied(c.messageId(), t.getConditionId(), false)));
    }

    private ReplyEffect<Event, State> valid(State s, GetTrafficConditions c) {
        List<byte[]> valid = s.conditions().values().stream()
                .filter(t -> t.validUntil().isAfter(c.at()))
                .map(StoredCondition::proto)
                .toList();
        return Effect().reply(c.replyTo(), new TrafficConditions(c.at(), valid));
    }

    // ------------------------------------------------------------ event handler

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(TrafficConditionReported.class, (s, e) -> next(s, e, stored(e.condition())))
                .onEvent(TrafficConditionCleared.class, (s, e) -> next(s, e, null))
                .build();
    }

    /** Replace or remove, then drop what expired by the event's time (never the wall clock: replays must agree). */
    private State next(State s, Event e, StoredCondition replacement) {
        Map<String, StoredCondition> conditions = new TreeMap<>(s.conditions());
        if (replacement == null) {
            conditions.remove(e.conditionId());
        } else {
            conditions.put(e.conditionId(), replacement);
        }
        conditions.values().removeIf(t -> !t.validUntil().isAfter(e.at()));
        return new State(Collections.unmodifiableMap(conditions),
                s.messages().remember(e.messageId(), e.conditionId(), e.at(), settings.messages()));
    }

    private static StoredCondition stored(byte[] proto) {
        try {
            return new StoredCondition(proto, Timestamps.toInstant(TrafficCondition.parseFrom(proto).getValidUntil()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored condition is not an emcc.v1.TrafficCondition: " + e.getMessage(), e);
        }
    }
}
