package cn.emcc.command.unit;

import cn.emcc.command.incident.Who;
import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Unit;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.UnitStatus;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One unit (力量): its status and the order it is committed to. Event-sourced
 * and sharded by unit id. The entity's empty state is <em>seeded from the
 * roster entry</em> (type, station county and city, status as rostered), so a
 * unit that never did anything has no events at all; its events record only
 * what happened since: assigned to an order, a status change reported by its
 * agency, released. A unit id not on the roster answers every command with a
 * refusal. Positions (AVL) are not kept here: they change every few seconds
 * and live in memory in the {@link UnitDirectory}.
 */
public final class UnitActor
        extends EventSourcedBehaviorWithEnforcedReplies<UnitActor.Command, UnitActor.Event, UnitActor.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "Unit");

    public static final int TAG_SLICES = 4;

    public static List<String> allTags() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < TAG_SLICES; i++) {
            tags.add("unit-" + i);
        }
        return tags;
    }

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    /** Commit the unit to an order. Asking again for the same order answers the same; another order is refused. */
    public record Assign(String orderId, String incidentId, Who by, ActorRef<StatusReply<UnitSnapshot>> replyTo)
            implements Command {
    }

    /** The unit's agency reports a status. {@code orderId} is optional ("" when the agency names none). */
    public record UpdateStatus(UnitStatus status, String orderId, Who by,
                               ActorRef<StatusReply<StatusUpdated>> replyTo) implements Command {
    }

    /** The answer to {@link UpdateStatus}: the unit now, and whether the report changed nothing. */
    public record StatusUpdated(UnitSnapshot unit, boolean duplicate) implements CborSerializable {
    }

    /** The order ends (released, rejected, timed out): the unit is free again. Refused for any other order. */
    public record Release(String orderId, Who by, String why, ActorRef<StatusReply<UnitSnapshot>> replyTo)
            implements Command {
    }

    public record GetUnit(ActorRef<StatusReply<UnitSnapshot>> replyTo) implements Command {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
        String unitId();

        Instant at();
    }

    public record UnitAssigned(String unitId, Instant at, String orderId, String incidentId, Who by) implements Event {
    }

    public record UnitStatusChanged(String unitId, Instant at, UnitStatus from, UnitStatus to, String orderId, Who by)
            implements Event {
    }

    public record UnitReleased(String unitId, Instant at, String orderId, Who by, String why) implements Event {
    }

    // ------------------------------------------------------------------- state

    /**
     * @param known false for an id not on the roster: such an entity refuses everything and persists nothing
     */
    public record State(boolean known, String unitId, Agency agency, String unitType, String countyAdcode,
                        String cityAdcode, UnitStatus status, String orderId, String incidentId, Instant changedAt)
            implements CborSerializable {

        UnitSnapshot snapshot() {
            return new UnitSnapshot(unitId, agency, unitType, countyAdcode, cityAdcode, status, orderId, incidentId,
                    changedAt);
        }

        State with(UnitStatus s, String order, String incident, Instant at) {
            return new State(known, unitId, agency, unitType, countyAdcode, cityAdcode, s, order, incident, at);
        }
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, UnitRoster roster, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), roster, clock)));
    }

    public static Behavior<Command> create(String unitId, UnitRoster roster, Clock clock) {
        return new UnitActor(unitId, roster, clock);
    }

    private final String unitId;
    private final UnitRoster roster;
    private final Clock clock;

    private UnitActor(String unitId, UnitRoster roster, Clock clock) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), unitId), JournalFailure.restartWithBackoff());
        this.unitId = unitId;
        this.roster = roster;
        this.clock = clock;
    }

    @Override
    public State emptyState() {
        return roster.get(unitId).map(UnitActor::seed)
                .orElseGet(() -> new State(false, unitId, Agency.AGENCY_UNSPECIFIED, "", "", "",
                        UnitStatus.UNIT_STATUS_UNSPECIFIED, "", "", Instant.EPOCH));
    }

    static State seed(Unit u) {
        return new State(true, u.unitId(), u.agency(), u.unitType().name(), u.countyAdcode(), u.cityAdcode(),
                u.status(), "", "", Instant.EPOCH);
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return Set.of("unit-" + Math.floorMod(event.unitId().hashCode(), TAG_SLICES));
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(200, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
        builder.forState(s -> !s.known())
                .onCommand(Assign.class, (s, c) -> Effect().reply(c.replyTo(), unknown()))
                .onCommand(UpdateStatus.class, (s, c) -> Effect().reply(c.replyTo(), unknown()))
                .onCommand(Release.class, (s, c) -> Effect().reply(c.replyTo(), unknown()))
                .onCommand(GetUnit.class, (s, c) -> Effect().reply(c.replyTo(), unknown()));
        builder.forAnyState()
                .onCommand(Assign.class, this::assign)
                .onCommand(UpdateStatus.class, this::updateStatus)
                .onCommand(Release.class, this::release)
                .onCommand(GetUnit.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.success(s.snapshot())));
        return builder.build();
    }

    private <T> StatusReply<T> unknown() {
        return StatusReply.error("unknown unit: " + unitId + " is not on the roster");
    }

    private ReplyEffect<Event, State> assign(State s, Assign c) {
        if (c.orderId().equals(s.orderId())) {
            return Effect().reply(c.replyTo(), StatusReply.success(s.snapshot()));
        }
        if (!s.orderId().isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.error("unit " + unitId + " is busy: committed to order "
                    + s.orderId() + " of incident " + s.incidentId() + " (" + label(s.status()) + ")"));
        }
        if (s.status() != UnitStatus.UNIT_STATUS_AVAILABLE) {
            return Effect().reply(c.replyTo(), StatusReply.error("unit " + unitId + " is " + label(s.status())
                    + "; only an AVAILABLE unit can be dispatched"));
        }
        return Effect().persist(new UnitAssigned(unitId, clock.instant(), c.orderId(), c.incidentId(), c.by()))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.snapshot()));
    }

    private ReplyEffect<Event, State> updateStatus(State s, UpdateStatus c) {
        if (c.status() == UnitStatus.UNIT_STATUS_UNSPECIFIED || c.status() == UnitStatus.UNRECOGNIZED) {
            return Effect().reply(c.replyTo(), StatusReply.error("status " + c.status() + " of unit " + unitId
                    + "; expected a known unit status"));
        }
        if (!c.orderId().isEmpty() && !c.orderId().equals(s.orderId())) {
            return Effect().reply(c.replyTo(), StatusReply.error("unknown reference: unit " + unitId + " is "
                    + (s.orderId().isEmpty() ? "on no order" : "on order " + s.orderId()) + ", not " + c.orderId()));
        }
        if (c.status() == s.status()) {
            return Effect().reply(c.replyTo(), StatusReply.success(new StatusUpdated(s.snapshot(), true)));
        }
        return Effect().persist(new UnitStatusChanged(unitId, clock.instant(), s.status(), c.status(), s.orderId(), c.by()))
                .thenReply(c.replyTo(), st -> StatusReply.success(new StatusUpdated(st.snapshot(), false)));
    }

    private ReplyEffect<Event, State> release(State s, Release c) {
        if (s.orderId().isEmpty() || !s.orderId().equals(c.orderId())) {
            return Effect().reply(c.replyTo(), StatusReply.error("unit " + unitId + " was never dispatched on order "
                    + c.orderId() + (s.orderId().isEmpty() ? "; it is on no order" : "; it is on order " + s.orderId())));
        }
        return Effect().persist(new UnitReleased(unitId, clock.instant(), c.orderId(), c.by(), c.why()))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.snapshot()));
    }

    static String label(UnitStatus s) {
        return s.name().replace("UNIT_STATUS_", "");
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(UnitAssigned.class, (s, e) -> s.with(UnitStatus.UNIT_STATUS_DISPATCHED, e.orderId(),
                        e.incidentId(), e.at()))
                .onEvent(UnitStatusChanged.class, (s, e) -> s.with(e.to(), s.orderId(), s.incidentId(), e.at()))
                .onEvent(UnitReleased.class, (s, e) -> s.with(UnitStatus.UNIT_STATUS_AVAILABLE, "", "", e.at()))
                .build();
    }
}
