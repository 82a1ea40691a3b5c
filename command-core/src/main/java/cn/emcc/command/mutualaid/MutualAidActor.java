package cn.emcc.command.mutualaid;

import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.incident.Who;
import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.MutualAidRequest;
import cn.emcc.dispatch.MutualAidState;
import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One mutual-aid request (跨区支援) between command nodes, sharded by request
 * id and event-sourced. The cycle is the dispatch module's
 * {@link MutualAidRequest} (EDXL-RM request → commit | decline → release);
 * this entity adds who did each step, the orders the committed units got and
 * the side effects: committed units are ordered on the incident's dispatch
 * (flagged mutual aid), released ones are stood down there, and every step is
 * copied onto the incident's timeline. A side effect that a restart
 * interrupted (ordering after the commit, standing down after the release) is
 * done again on recovery; both are idempotent.
 */
public final class MutualAidActor
        extends EventSourcedBehaviorWithEnforcedReplies<MutualAidActor.Command, MutualAidActor.Event, MutualAidActor.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "MutualAid");

    /** Every event carries this one tag: the node-local {@link MutualAidBoard} follows it. */
    public static final String TAG = "mutual-aid";

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    /**
     * Raises the request. Asking again with the same request id answers the request as it is.
     * {@code notePhrase}: the note as a phrase when emcc wrote it; null for an officer's own words.
     */
    public record Raise(String incidentId, String requestingAdcode, String providingAdcode, Capability capability,
                        String unitType, int count, String note, Phrase notePhrase, Who by,
                        ActorRef<StatusReply<MutualAidView>> replyTo)
            implements Command {
    }

    /** The providing node commits these units; answered once their orders are placed on the incident. */
    public record Commit(List<String> unitIds, Who by, ActorRef<StatusReply<MutualAidView>> replyTo)
            implements Command {
    }

    public record Decline(String reason, Who by, ActorRef<StatusReply<MutualAidView>> replyTo) implements Command {
    }

    /** The units go home: answered once they are stood down on the incident. */
    public record Release(String why, Who by, ActorRef<StatusReply<MutualAidView>> replyTo) implements Command {
    }

    public record Get(ActorRef<StatusReply<MutualAidView>> replyTo) implements Command {
    }

    record SideEffectLanded(String step, List<String> orderIds, List<String> refused, String failure)
            implements Command {
    }

    record RetrySideEffect() implements Command {
    }

    record TimelineCopied() implements Command {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
        String requestId();

        Instant at();
    }

    /** {@code notePhrase}: null for an officer's note, and in events written before emcc's notes had phrases. */
    public record AidRequested(String requestId, Instant at, MutualAidRequest request, String unitType, String note,
                               Phrase notePhrase, Who by) implements Event {
    }

    public record AidCommitted(String requestId, Instant at, List<String> unitIds, Who by) implements Event {
    }

    /** The committed units' orders are placed on the incident's dispatch ({@code refused}: units it could not order). */
    public record AidOrdered(String requestId, Instant at, List<String> orderIds, List<String> refused)
            implements Event {
    }

    public record AidDeclined(String requestId, Instant at, String reason, Who by) implements Event {
    }

    public record AidReleased(String requestId, Instant at, String why, Who by) implements Event {
    }

    /** The released units are stood down on the incident's dispatch (release orders to their agencies). */
    public record AidStoodDown(String requestId, Instant at) implements Event {
    }

    // ------------------------------------------------------------------- state

    /**
     * @param request  null until raised
     * @param notePhrase the note as a phrase when emcc wrote it, else null
     * @param ordered  whether the committed units' orders are placed
     * @param stoodDown whether the released units are stood down
     */
    public record State(MutualAidRequest request, String unitType, String note, Phrase notePhrase, Who requestedBy,
                        Who decidedBy, List<String> orderIds, List<String> refused, boolean ordered, boolean stoodDown,
                        List<TimelineEntry> log) implements CborSerializable {

        static State empty() {
            return new State(null, "", "", null, null, null, List.of(), List.of(), false, false, List.of());
        }

        MutualAidView view() {
            MutualAidRequest r = request;
            return new MutualAidView(r.requestId(), r.incidentId(), r.requestingAdcode(), r.providingAdcode(),
                    r.capability(), unitType, r.count(), note, notePhrase, r.state(), r.committedUnitIds(), orderIds,
                    refused, r.remark(), requestedBy, decidedBy, r.requestedAt(), r.changedAt(), log);
        }

        State with(MutualAidRequest next, Who decided, TimelineEntry entry) {
            List<TimelineEntry> l = new ArrayList<>(log);
            l.add(entry);
            return new State(next, unitType, note, notePhrase, requestedBy, decided == null ? decidedBy : decided,
                    orderIds, refused, ordered, stoodDown, List.copyOf(l));
        }
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, MutualAidPorts ports, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
                ctx -> create(ctx.getEntityId(), ports, clock)));
    }

    public static Behavior<Command> create(String requestId, MutualAidPorts ports, Clock clock) {
        return Behaviors.setup(ctx -> new MutualAidActor(requestId, ports, clock, ctx));
    }

    private final String requestId;
    private final MutualAidPorts ports;
    private final Clock clock;
    private final ActorContext<Command> ctx;
    /** Who waits for the orders (commit) or the stand-down (release) to land; not persisted. */
    private final List<ActorRef<StatusReply<MutualAidView>>> waiting = new ArrayList<>();
    private boolean sideEffectRunning;

    private MutualAidActor(String requestId, MutualAidPorts ports, Clock clock, ActorContext<Command> ctx) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), requestId), JournalFailure.restartWithBackoff());
        this.requestId = requestId;
        this.ports = ports;
        this.clock = clock;
        this.ctx = ctx;
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
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), s -> {
            if (s.request() != null) {
                mirror(s, s.log());
                sideEffect(s);
            }
        }).build();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, State> b = newCommandHandlerWithReplyBuilder();
        b.forState(s -> s.request() == null)
                .onCommand(Raise.class, this::raise)
                .onCommand(Commit.class, (s, c) -> Effect().reply(c.replyTo(), unknown()))
                .onCommand(Decline.class, (s, c) -> Effect().reply(c.replyTo(), unknown()))
                .onCommand(Release.class, (s, c) -> Effect().reply(c.replyTo(), unknown()))
                .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), unknown()))
                .onCommand(SideEffectLanded.class, (s, c) -> Effect().noReply())
                .onCommand(RetrySideEffect.class, (s, c) -> Effect().noReply())
                .onCommand(TimelineCopied.class, (s, c) -> Effect().noReply());
        b.forAnyState()
                .onCommand(Raise.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.success(s.view())))
                .onCommand(Commit.class, this::commit)
                .onCommand(Decline.class, this::decline)
                .onCommand(Release.class, this::release)
                .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.success(s.view())))
                .onCommand(SideEffectLanded.class, this::landed)
                .onCommand(TimelineCopied.class, (s, c) -> Effect().noReply())
                .onCommand(RetrySideEffect.class, (s, c) -> {
                    sideEffect(s);
                    return Effect().noReply();
                });
        return b.build();
    }

    private <T> StatusReply<T> unknown() {
        return StatusReply.error("mutual aid request " + requestId + " does not exist");
    }

    private ReplyEffect<Event, State> raise(State s, Raise c) {
        MutualAidRequest request;
        try {
            request = MutualAidRequest.request(requestId, c.incidentId(), c.requestingAdcode(), c.providingAdcode(),
                    c.capability(), c.count(), clock.instant());
        } catch (IllegalArgumentException e) {
            return Effect().reply(c.replyTo(), StatusReply.error(e.getMessage()));
        }
        return Effect().persist(new AidRequested(requestId, request.requestedAt(), request, c.unitType(), c.note(),
                        c.notePhrase(), c.by()))
                .thenRun(st -> mirror(st, last(st)))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.view()));
    }

    private ReplyEffect<Event, State> commit(State s, Commit c) {
        MutualAidRequest.Step step = s.request().commit(c.unitIds(), clock.instant());
        if (step instanceof MutualAidRequest.Step.Refused refused) {
            return Effect().reply(c.replyTo(), StatusReply.error(refused.reason()));
        }
        return Effect().persist(new AidCommitted(requestId, clock.instant(), c.unitIds(), c.by()))
                .thenRun(st -> {
                    waiting.add(c.replyTo());
                    mirror(st, last(st));
                    sideEffect(st);
                })
                .thenNoReply();
    }

    private ReplyEffect<Event, State> decline(State s, Decline c) {
        MutualAidRequest.Step step = s.request().decline(c.reason(), clock.instant());
        if (step instanceof MutualAidRequest.Step.Refused refused) {
            return Effect().reply(c.replyTo(), StatusReply.error(refused.reason()));
        }
        return Effect().persist(new AidDeclined(requestId, clock.instant(), c.reason(), c.by()))
                .thenRun(st -> mirror(st, last(st)))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.view()));
    }

    private ReplyEffect<Event, State> release(State s, Release c) {
        MutualAidRequest.Step step = s.request().release(clock.instant());
        if (step instanceof MutualAidRequest.Step.Refused refused) {
            return Effect().reply(c.replyTo(), StatusReply.error(refused.reason()));
        }
        return Effect().persist(new AidReleased(requestId, clock.instant(), c.why(), c.by()))
                .thenRun(st -> {
                    waiting.add(c.replyTo());
                    mirror(st, last(st));
                    sideEffect(st);
                })
                .thenNoReply();
    }

    /** Places the committed units' orders, or stands the released units down, when that is still to do. */
    private void sideEffect(State s) {
        if (sideEffectRunning) {
            return;
        }
        MutualAidState state = s.request().state();
        if ((state == MutualAidState.COMMITTED || state == MutualAidState.RELEASED) && !s.ordered()) {
            sideEffectRunning = true;
            ctx.pipeToSelf(ports.order(s.view(), s.decidedBy()).toCompletableFuture(), (placed, failure) ->
                    failure != null ? new SideEffectLanded("order", List.of(), List.of(), failure.toString())
                            : new SideEffectLanded("order", placed.orderIds(), placed.refused(), null));
        } else if (state == MutualAidState.RELEASED && !s.stoodDown()) {
            sideEffectRunning = true;
            ctx.pipeToSelf(ports.standDown(s.view(), "mutual aid " + requestId + " released: "
                            + s.request().remark()).toCompletableFuture(), (done, failure) -> new SideEffectLanded("stand-down", List.of(),
                    List.of(), failure == null ? null : failure.toString()));
        }
    }

    private ReplyEffect<Event, State> landed(State s, SideEffectLanded c) {
        sideEffectRunning = false;
        if (c.failure() != null) {
            ctx.getLog().warn("mutual aid {}: {} failed: {}; trying again", requestId, c.step(), c.failure());
            ctx.scheduleOnce(RETRY_AFTER, ctx.getSelf(), new RetrySideEffect());
            return Effect().noReply();
        }
        Event done = c.step().equals("order")
                ? new AidOrdered(requestId, clock.instant(), c.orderIds(), c.refused())
                : new AidStoodDown(requestId, clock.instant());
        return Effect().persist(done)
                .thenRun(st -> {
                    mirror(st, last(st));
                    if (st.request().state() == MutualAidState.RELEASED && !st.stoodDown()) {
                        sideEffect(st);
                        return;
                    }
                    waiting.forEach(r -> r.tell(StatusReply.success(st.view())));
                    waiting.clear();
                })
                .thenNoReply();
    }

    private static List<TimelineEntry> last(State st) {
        return st.log().subList(st.log().size() - 1, st.log().size());
    }

    private void mirror(State st, List<TimelineEntry> entries) {
        ctx.pipeToSelf(ports.recordOnIncident(st.request().incidentId(), List.copyOf(entries)).toCompletableFuture(),
                (ok, failure) -> {
                    if (failure != null) {
                        ctx.getLog().warn("mutual aid {}: timeline copy failed: {}", requestId, failure.toString());
                    }
                    return new TimelineCopied();
                });
    }

    // ------------------------------------------------------------ event handler

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(AidRequested.class, (s, e) -> new State(e.request(), e.unitType(), e.note(), e.notePhrase(),
                        e.by(), null, List.of(), List.of(), false, false, List.of(new TimelineEntry(e.at(), e.by(),
                        "mutual aid " + requestId + " requested of " + e.request().providingAdcode() + ": "
                                + e.request().count() + " × " + e.request().capability()
                                + (e.unitType().isEmpty() ? "" : " (" + e.unitType() + ")"), e.note(),
                        e.unitType().isEmpty()
                                ? PhraseCode.AID_REQUESTED.with(requestId, e.request().providingAdcode(),
                                        e.request().count(), e.request().capability().name())
                                : PhraseCode.AID_REQUESTED_UNIT_TYPE.with(requestId, e.request().providingAdcode(),
                                        e.request().count(), e.request().capability().name(), e.unitType()),
                        e.notePhrase() == null ? List.of() : List.of(e.notePhrase())))))
                .onEvent(AidCommitted.class, (s, e) -> s.with(((MutualAidRequest.Step.Done) s.request()
                        .commit(e.unitIds(), e.at())).request(), e.by(), new TimelineEntry(e.at(), e.by(),
                        "mutual aid " + requestId + " approved by " + e.by().jurisdiction() + ": "
                                + String.join(", ", e.unitIds()), "units committed; orders follow",
                        PhraseCode.AID_APPROVED.with(requestId, e.by().jurisdiction(), String.join(", ", e.unitIds())),
                        PhraseCode.WHY_UNITS_COMMITTED.with())))
                .onEvent(AidOrdered.class, (s, e) -> {
                    State next = new State(s.request(), s.unitType(), s.note(), s.notePhrase(), s.requestedBy(),
                            s.decidedBy(), e.orderIds(), e.refused(), true, s.stoodDown(), s.log());
                    return next.with(next.request(), null, new TimelineEntry(e.at(), Who.SYSTEM,
                            "mutual aid " + requestId + ": " + e.orderIds().size() + " order(s) issued",
                            e.refused().isEmpty() ? String.join(", ", e.orderIds())
                                    : "not ordered: " + String.join("; ", e.refused()),
                            PhraseCode.AID_ORDERED.with(requestId, e.orderIds().size()),
                            e.refused().isEmpty() ? PhraseCode.WHY_ORDERS.with(String.join(", ", e.orderIds()))
                                    : PhraseCode.WHY_NOT_ORDERED.with(String.join("; ", e.refused()))));
                })
                .onEvent(AidDeclined.class, (s, e) -> s.with(((MutualAidRequest.Step.Done) s.request()
                        .decline(e.reason(), e.at())).request(), e.by(), new TimelineEntry(e.at(), e.by(),
                        "mutual aid " + requestId + " declined by " + e.by().jurisdiction(), e.reason(),
                        PhraseCode.AID_DECLINED.with(requestId, e.by().jurisdiction()))))
                .onEvent(AidReleased.class, (s, e) -> {
                    MutualAidRequest released = ((MutualAidRequest.Step.Done) s.request().release(e.at())).request();
                    MutualAidRequest withWhy = new MutualAidRequest(released.requestId(), released.incidentId(),
                            released.requestingAdcode(), released.providingAdcode(), released.capability(),
                            released.count(), released.requestedAt(), released.state(), released.committedUnitIds(),
                            released.changedAt(), e.why());
                    return s.with(withWhy, null, new TimelineEntry(e.at(), e.by(), "mutual aid " + requestId
                            + " released: " + String.join(", ", released.committedUnitIds()) + " go home", e.why(),
                            PhraseCode.AID_RELEASED.with(requestId, String.join(", ", released.committedUnitIds()))));
                })
                .onEvent(AidStoodDown.class, (s, e) -> new State(s.request(), s.unitType(), s.note(), s.notePhrase(),
                        s.requestedBy(), s.decidedBy(), s.orderIds(), s.refused(), s.ordered(), true, s.log())
                        .with(s.request(), null, new TimelineEntry(e.at(), Who.SYSTEM, "mutual aid " + requestId
                                + ": release orders sent for " + String.join(", ", s.request().committedUnitIds()),
                                "the units are free once their agencies confirm",
                                PhraseCode.AID_STOOD_DOWN.with(requestId,
                                        String.join(", ", s.request().committedUnitIds())),
                                PhraseCode.WHY_FREE_ONCE_CONFIRMED.with())))
                .build();
    }
}
