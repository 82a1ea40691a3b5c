package cn.emcc.command.situation;

import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.WeatherWarning;
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
 * The weather warnings (预警) of the province, kept by CAP identifier. One
 * sharded entity ("province") because warnings are few (tens a day) and
 * UPDATE/CANCEL must see every earlier warning, whichever city issued it.
 * Decisions are in {@link WarningRules}; this actor keeps state and answers.
 */
public final class WarningBoard
        extends EventSourcedBehaviorWithEnforcedReplies<WarningBoard.Command, WarningBoard.Event, WarningBoard.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "WarningBoard");
    public static final String PROVINCE = "province";
    public static final String TAG = "warning";

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    /**
     * Apply one warning. A message id already applied is answered as before
     * with {@code duplicate = true}. Refusals are {@code StatusReply.error}; one
     * whose message starts with "unknown reference: " names a reference no
     * warning on the board has.
     *
     * @param warningProto emcc.v1.WeatherWarning bytes, already validated by the gateway
     */
    public record ApplyWarning(String messageId, byte[] warningProto,
                               ActorRef<StatusReply<WarningApplied>> replyTo) implements Command {
    }

    /** The answer to {@link ApplyWarning}: the warning's identifier, and whether it had been applied before. */
    public record WarningApplied(String messageId, String identifier, boolean duplicate) implements CborSerializable {
    }

    /** The warnings in force at {@code at} (issued at or before it, expiring after it). */
    public record GetActiveWarnings(Instant at, ActorRef<ActiveWarnings> replyTo) implements Command {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
        String messageId();

        Instant at();

        /** The identifier of the warning message this event applied. */
        String identifier();
    }

    /** A CAP ALERT: a new warning. */
    public record WarningIssued(String messageId, Instant at, String identifier, byte[] warning) implements Event {
    }

    /** A CAP UPDATE: {@code replaced} leave the board, the new warning takes their place. */
    public record WarningUpdated(String messageId, Instant at, String identifier, List<String> replaced,
                                 byte[] warning) implements Event {
    }

    /** A CAP CANCEL: {@code cancelled} leave the board. */
    public record WarningCancelled(String messageId, Instant at, String identifier,
                                   List<String> cancelled) implements Event {
    }

    // ------------------------------------------------------------------- state

    /** Warnings by identifier (expired ones linger for a while, see settings) and the recent message ids. */
    public record State(Map<String, StoredWarning> warnings, MessageWindow messages) implements CborSerializable {

        static State empty() {
            return new State(Map.of(), MessageWindow.empty());
        }
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, SituationSettings settings, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
                ctx -> create(ctx.getEntityId(), settings, clock)));
    }

    /** The board every node talks to. */
    public static EntityRef<Command> province(ActorSystem<?> system) {
        return ClusterSharding.get(system).entityRefFor(ENTITY_TYPE_KEY, PROVINCE);
    }

    public static Behavior<Command> create(String boardId, SituationSettings settings, Clock clock) {
        return new WarningBoard(boardId, settings, clock);
    }

    private final SituationSettings settings;
    private final Clock clock;

    private WarningBoard(String boardId, SituationSettings settings, Clock clock) {
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
                .onCommand(ApplyWarning.class, (s, c) -> apply(s, c))
                .onCommand(GetActiveWarnings.class, (s, c) -> active(s, c))
                .build();
    }

    private ReplyEffect<Event, State> apply(State s, ApplyWarning c) {
        Optional<MessageWindow.Seen> seen = s.messages().find(c.messageId());
        if (seen.isPresent()) {
            return Effect().reply(c.replyTo(),
                    StatusReply.success(new WarningApplied(c.messageId(), seen.get().subject(), true)));
        }
        WeatherWarning w;
        try {
            w = WeatherWarning.parseFrom(c.warningProto());
        } catch (InvalidProtocolBufferException e) {
            return Effect().reply(c.replyTo(), StatusReply.error(
                    "warningProto of message " + c.messageId() + ": expected emcc.v1.WeatherWarning bytes: " + e.getMessage()));
        }
        WarningRules.Outcome outcome = WarningRules.decide(s.warnings(), c.messageId(), c.warningProto(), w, clock.instant());
        if (outcome instanceof WarningRules.Refused r) {
            return Effect().reply(c.replyTo(), StatusReply.error(r.reason()));
        }
        if (outcome instanceof WarningRules.AlreadyOnBoard d) {
            return Effect().reply(c.replyTo(), StatusReply.success(new WarningApplied(c.messageId(), d.identifier(), true)));
        }
        Event event = ((WarningRules.Change) outcome).event();
        return Effect().persist(event).thenReply(c.replyTo(),
                st -> StatusReply.success(new WarningApplied(c.messageId(), w.getIdentifier(), false)));
    }

    private ReplyEffect<Event, State> active(State s, GetActiveWarnings c) {
        List<byte[]> inForce = s.warnings().values().stream()
                .filter(w -> w.inForceAt(c.at()))
                .map(StoredWarning::proto)
                .toList();
        return Effect().reply(c.replyTo(), new ActiveWarnings(c.at(), inForce));
    }

    // ------------------------------------------------------------ event handler

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(WarningIssued.class, (s, e) -> next(s, e, List.of(), e.identifier(), e.warning()))
                .onEvent(WarningUpdated.class, (s, e) -> next(s, e, e.replaced(), e.identifier(), e.warning()))
                .onEvent(WarningCancelled.class, (s, e) -> next(s, e, e.cancelled(), null, null))
                .build();
    }

    /**
     * Remove, add, then drop warnings long expired, judged by the event's own
     * time so a replay years later rebuilds the same board.
     */
    private State next(State s, Event e, List<String> removed, String added, byte[] proto) {
        Map<String, StoredWarning> warnings = new TreeMap<>(s.warnings());
        removed.forEach(warnings::remove);
        if (added != null) {
            warnings.put(added, StoredWarning.of(proto));
        }
        Instant forgetBefore = e.at().minus(settings.keepExpiredWarnings());
        warnings.values().removeIf(w -> w.expires().isBefore(forgetBefore));
        return new State(Collections.unmodifiableMap(warnings),
                s.messages().remember(e.messageId(), e.identifier(), e.at(), settings.messages()));
    }
}
