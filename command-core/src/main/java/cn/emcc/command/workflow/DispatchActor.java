package cn.emcc.command.workflow;

import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.incident.Who;
import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.DispatchTimers;
import cn.emcc.dispatch.OrderDeadlines;
import cn.emcc.dispatch.OrderEvent;
import cn.emcc.dispatch.OrderLifecycle;
import cn.emcc.dispatch.OrderState;
import cn.emcc.dispatch.OrderTransition;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.UnitStatus;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dispatch of one incident (sharded by incident id, event-sourced): the
 * current proposal and every order with its state and deadline. It keeps the
 * orders moving: it pushes each order to the agency until it is answered,
 * times it out to the next-best unit when no answer comes within the
 * acknowledgement time, replaces a rejected order the same way, raises an
 * alert when an accepted unit is not en route or not on scene in time, and
 * follows the unit's progress to release. Its steps are copied onto the
 * incident's timeline (the incident ignores a step it already has, so the
 * copy is at least once). After a restart it re-arms its timers from the
 * deadlines in its state and offers the unanswered orders again under the
 * same envelope message id: a redelivery, never a new order.
 */
public final class DispatchActor
        extends EventSourcedBehaviorWithEnforcedReplies<DispatchActor.Command, DispatchActor.Event, DispatchActor.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "Dispatch");

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    public record RecordProposal(IncidentFacts facts, Proposal proposal, Who by,
                                 ActorRef<StatusReply<DispatchView>> replyTo) implements Command {
    }

    /**
     * The orders a confirmation would issue (the proposal without {@code drop}, with {@code add}, leaving out
     * units already on a live order here), with their ids; nothing is persisted.
     */
    public record PrepareOrders(Set<String> drop, List<ProposedUnit> add,
                                ActorRef<StatusReply<PreparedOrders>> replyTo) implements Command {
    }

    public record PreparedOrders(List<Order> orders) implements CborSerializable {
    }

    /** Issues orders whose units are committed; {@code refusals} (units that could not be) go on the timeline. */
    public record IssueOrders(List<Order> orders, List<String> refusals, Who by,
                              ActorRef<StatusReply<DispatchView>> replyTo) implements Command {
    }

    /** The agency's acknowledgement of an order. */
    public record AgencyAnswer(String orderId, Agency from, boolean accepted, String reason, Who by,
                               ActorRef<StatusReply<Answered>> replyTo) implements Command {
    }

    /** The agency reports the unit's progress on an order: DEPART, ARRIVE or RELEASE. */
    public record AgencyProgress(String orderId, Agency from, OrderEvent event, String remark, Who by,
                                 ActorRef<StatusReply<Answered>> replyTo) implements Command {
    }

    /** How an agency's message landed: the order's state now, and whether it changed nothing (a resend). */
    public record Answered(String orderId, OrderState state, boolean duplicate) implements CborSerializable {
    }

    /** An officer stands a unit down from this incident. */
    public record ReleaseUnit(String unitId, Who by, String why, ActorRef<StatusReply<DispatchView>> replyTo)
            implements Command {
    }

    public record GetDispatch(ActorRef<StatusReply<DispatchView>> replyTo) implements Command {
    }

    /** Starts the entity (after a node restart) so its timers and redeliveries run; answers nothing. */
    public record Wake() implements Command {
    }

    record DeadlinePassed(String orderId, OrderDeadlines.TimerKind kind, Instant deadline) implements Command {
    }

    record Redeliver() implements Command {
    }

    record ReplacementFound(String orderId, Order replacement, String why) implements Command {
    }

    record SideEffectDone(String what, String failure) implements Command {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
        String incidentId();

        Instant at();
    }

    public record ProposalMade(String incidentId, Instant at, IncidentFacts facts, Proposal proposal, Who by)
            implements Event {
    }

    public record OrdersIssued(String incidentId, Instant at, List<Order> orders, List<String> refusals, Who by)
            implements Event {
    }

    public record OrderMoved(String incidentId, Instant at, String orderId, OrderEvent event, OrderState to,
                             Instant deadline, Who by, String why) implements Event {
    }

    public record OrderOverdue(String incidentId, Instant at, String orderId, OrderDeadlines.TimerKind kind,
                               String why) implements Event {
    }

    public record ReplacementSettled(String incidentId, Instant at, String orderId, String replacedBy, String why)
            implements Event {
    }

    // ------------------------------------------------------------------- state

    public record State(IncidentFacts facts, Proposal proposal, List<Order> orders, List<TimelineEntry> log)
            implements CborSerializable {

        Optional<Order> order(String orderId) {
            return orders.stream().filter(o -> o.orderId().equals(orderId)).findFirst();
        }

        State withOrder(Order changed) {
            List<Order> list = new ArrayList<>(orders.size());
            orders.forEach(o -> list.add(o.orderId().equals(changed.orderId()) ? changed : o));
            return new State(facts, proposal, List.copyOf(list), log);
        }

        State log(TimelineEntry... entries) {
            List<TimelineEntry> l = new ArrayList<>(log);
            l.addAll(List.of(entries));
            return new State(facts, proposal, orders, List.copyOf(l));
        }

        Set<String> unitsOnLiveOrders() {
            return orders.stream().filter(Order::live).map(Order::unitId).collect(Collectors.toSet());
        }

        Set<String> orderedUnits() {
            return orders.stream().map(Order::unitId).collect(Collectors.toSet());
        }

        String nextOrderId(String unitId) {
            long n = orders.stream().filter(o -> o.unitId().equals(unitId)).count();
            return facts.incidentId() + "." + unitId + "." + (n + 1);
        }

        DispatchView view() {
            return new DispatchView(facts == null ? "" : facts.incidentId(), facts, proposal, orders, log);
        }

        /** How far the orders have taken the incident. */
        IncidentStatus progress() {
            if (orders.stream().anyMatch(o -> o.state() == OrderState.ON_SCENE)) {
                return IncidentStatus.INCIDENT_STATUS_ON_SCENE;
            }
            if (orders.stream().anyMatch(o -> o.state() == OrderState.EN_ROUTE)) {
                return IncidentStatus.INCIDENT_STATUS_RESPONDING;
            }
            return orders.isEmpty() ? IncidentStatus.INCIDENT_STATUS_UNSPECIFIED : IncidentStatus.INCIDENT_STATUS_DISPATCHING;
        }
    }

    // -------------------------------------------------------------- the entity

    /** Settings of the workflow ({@code emcc.dispatch.*}). */
    public record Settings(DispatchTimers timers, Duration redeliverEvery) {
    }

    public static void init(ActorSystem<?> system, Settings settings, DispatchPorts ports, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
                ctx -> create(ctx.getEntityId(), settings, ports, clock)));
    }

    public static Behavior<Command> create(String incidentId, Settings settings, DispatchPorts ports, Clock clock) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new DispatchActor(incidentId, settings, ports, clock, ctx, timers)));
    }

    private static final Object REDELIVER = "redeliver";

    /** Only for {@link OrderDeadlines#timerIn}, which depends on the state alone. */
    private static final OrderDeadlines TIMER_KINDS = new OrderDeadlines(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private final String incidentId;
    private final Settings settings;
    private final DispatchPorts ports;
    private final Clock clock;
    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    /**
     * One next-best search at a time: two searches at once would see the same
     * free unit and give it the same order id. Others wait for this one to land.
     */
    private boolean searching;

    private DispatchActor(String incidentId, Settings settings, DispatchPorts ports, Clock clock,
                          ActorContext<Command> ctx, TimerScheduler<Command> timers) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), incidentId), JournalFailure.restartWithBackoff());
        this.incidentId = incidentId;
        this.settings = settings;
        this.ports = ports;
        this.clock = clock;
        this.ctx = ctx;
        this.timers = timers;
    }

    @Override
    public State emptyState() {
        return new State(null, null, List.of(), List.of());
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::resume).build();
    }

    /** After recovery: timers from the stored deadlines, unanswered orders offered again, the timeline copied. */
    private void resume(State s) {
        if (s.facts() == null) {
            return;
        }
        s.orders().forEach(o -> {
            arm(o);
            if (o.state() == OrderState.ISSUED || o.state() == OrderState.DELIVERED) {
                ports.deliver(s.facts(), o);
            }
            if (o.awaitingReplacement()) {
                findReplacement(s, o);
            }
        });
        armRedelivery(s);
        mirror(s, s.log());
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(RecordProposal.class, this::recordProposal)
                .onCommand(PrepareOrders.class, this::prepare)
                .onCommand(IssueOrders.class, this::issue)
                .onCommand(AgencyAnswer.class, this::answer)
                .onCommand(AgencyProgress.class, this::progress)
                .onCommand(ReleaseUnit.class, this::release)
                .onCommand(GetDispatch.class, (s, c) -> Effect().reply(c.replyTo(), s.facts() == null
                        ? StatusReply.error("incident " + incidentId + " has no dispatch yet")
                        : StatusReply.success(s.view())))
                .onCommand(Wake.class, (s, c) -> Effect().noReply())
                .onCommand(DeadlinePassed.class, this::deadlinePassed)
                .onCommand(Redeliver.class, this::redeliver)
                .onCommand(ReplacementFound.class, this::replacementFound)
                .onCommand(SideEffectDone.class, (s, c) -> {
                    if (c.failure() != null) {
                        ctx.getLog().warn("dispatch {}: {} failed: {}", incidentId, c.what(), c.failure());
                    }
                    return Effect().noReply();
                })
                .build();
    }

    // -- proposal and confirmation

    private ReplyEffect<Event, State> recordProposal(State s, RecordProposal c) {
        return Effect().persist(new ProposalMade(incidentId, clock.instant(), c.facts(), c.proposal(), c.by()))
                .thenRun(st -> mirror(st, lastEntries(st, 1)))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.view()));
    }

    private ReplyEffect<Event, State> prepare(State s, PrepareOrders c) {
        if (s.proposal() == null) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId
                    + " has no proposal to confirm; ask for one first (POST .../dispatch/proposal)"));
        }
        Set<String> proposed = s.proposal().units().stream().map(ProposedUnit::unitId).collect(Collectors.toSet());
        Set<String> unknownDrops = new HashSet<>(c.drop());
        unknownDrops.removeAll(proposed);
        if (!unknownDrops.isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.error("drop names " + unknownDrops.stream().sorted().toList()
                    + ", which the proposal does not contain; proposed: " + proposed.stream().sorted().toList()));
        }
        Set<String> busyHere = s.unitsOnLiveOrders();
        List<ProposedUnit> chosen = new ArrayList<>();
        s.proposal().units().stream().filter(u -> !c.drop().contains(u.unitId())).forEach(chosen::add);
        chosen.addAll(c.add());
        Instant now = clock.instant();
        OrderDeadlines deadlines = deadlines(s);
        List<Order> orders = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ProposedUnit u : chosen) {
            if (busyHere.contains(u.unitId()) || !seen.add(u.unitId())) {
                continue;
            }
            orders.add(newOrder(s, u, now, deadlines, ""));
        }
        return Effect().reply(c.replyTo(), StatusReply.success(new PreparedOrders(orders)));
    }

    private static Order newOrder(State s, ProposedUnit u, Instant now, OrderDeadlines deadlines, String replaces) {
        return new Order(s.nextOrderId(u.unitId()), u.unitId(), u.agency(), u.unitType(), u.capability(),
                u.countyAdcode(), u.mutualAid(), u.etaSeconds(), OrderState.ISSUED, now, now,
                deadlines.acknowledgeBy(now), replaces, "", "");
    }

    private ReplyEffect<Event, State> issue(State s, IssueOrders c) {
        if (s.facts() == null) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId + " has no proposal"));
        }
        List<Order> fresh = c.orders().stream().filter(o -> s.order(o.orderId()).isEmpty()).toList();
        if (fresh.isEmpty() && c.refusals().isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.success(s.view()));
        }
        return Effect().persist(new OrdersIssued(incidentId, clock.instant(), fresh, c.refusals(), c.by()))
                .thenRun(st -> afterIssue(st, fresh))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.view()));
    }

    private void afterIssue(State st, List<Order> fresh) {
        fresh.forEach(o -> {
            ports.deliver(st.facts(), o);
            arm(o);
        });
        armRedelivery(st);
        mirror(st, lastEntries(st, Math.max(1, fresh.size())));
    }

    // -- the agency's answers and progress

    private ReplyEffect<Event, State> answer(State s, AgencyAnswer c) {
        return move(s, c.orderId(), c.from(), c.accepted() ? OrderEvent.ACCEPT : OrderEvent.REJECT, c.by(),
                c.accepted() ? "" : c.reason(), c.replyTo());
    }

    private ReplyEffect<Event, State> progress(State s, AgencyProgress c) {
        return move(s, c.orderId(), c.from(), c.event(), c.by(), c.remark(), c.replyTo());
    }

    private ReplyEffect<Event, State> move(State s, String orderId, Agency from, OrderEvent event, Who by, String why,
                                          ActorRef<StatusReply<Answered>> replyTo) {
        Optional<Order> found = s.order(orderId);
        if (found.isEmpty()) {
            return Effect().reply(replyTo, StatusReply.error("unknown reference: order " + orderId
                    + " is not an order of incident " + incidentId));
        }
        Order o = found.get();
        if (from != o.agency()) {
            return Effect().reply(replyTo, StatusReply.error("not permitted: order " + orderId + " went to "
                    + o.agency() + ", not " + from));
        }
        OrderTransition t = OrderLifecycle.next(o.state(), event);
        if (t instanceof OrderTransition.Refused refused) {
            if (alreadyPast(o.state(), event)) {
                return Effect().reply(replyTo, StatusReply.success(new Answered(orderId, o.state(), true)));
            }
            return Effect().reply(replyTo, StatusReply.error("inconsistent: " + refused.reason()));
        }
        OrderState to = ((OrderTransition.Allowed) t).to();
        Instant now = clock.instant();
        return Effect().persist(new OrderMoved(incidentId, now, orderId, event, to, deadlineIn(s, o, to, now), by, why))
                .thenRun(st -> afterMove(st, st.order(orderId).orElseThrow(), event, by))
                .thenReply(replyTo, st -> StatusReply.success(new Answered(orderId, to, false)));
    }

    /** A resent answer or progress report: the order is already where the event would take it, or beyond. */
    private static boolean alreadyPast(OrderState state, OrderEvent event) {
        return switch (event) {
            case ACCEPT, DELIVER -> state == OrderState.ACCEPTED || state == OrderState.EN_ROUTE
                    || state == OrderState.ON_SCENE || state == OrderState.RELEASED;
            case REJECT -> state == OrderState.REJECTED;
            case DEPART -> state == OrderState.EN_ROUTE || state == OrderState.ON_SCENE || state == OrderState.RELEASED;
            case ARRIVE -> state == OrderState.ON_SCENE || state == OrderState.RELEASED;
            case RELEASE -> state == OrderState.RELEASED;
            case TIME_OUT -> state == OrderState.TIMED_OUT;
        };
    }

    private void afterMove(State st, Order o, OrderEvent event, Who by) {
        if (!(o.state() == OrderState.ISSUED || o.state() == OrderState.DELIVERED)) {
            ports.settle(o.orderId());
        }
        switch (event) {
            case REJECT, TIME_OUT -> {
                pipe("release of " + o.unitId(), ports.releaseUnit(o.unitId(), o.orderId(), by,
                        "order " + o.orderId() + " " + o.state()));
                findReplacement(st, o);
            }
            case DEPART -> pipe("status of " + o.unitId(),
                    ports.unitStatus(o.unitId(), UnitStatus.UNIT_STATUS_EN_ROUTE, o.orderId(), by));
            case ARRIVE -> pipe("status of " + o.unitId(),
                    ports.unitStatus(o.unitId(), UnitStatus.UNIT_STATUS_ON_SCENE, o.orderId(), by));
            case RELEASE -> pipe("release of " + o.unitId(), ports.releaseUnit(o.unitId(), o.orderId(), by,
                    "released from incident " + incidentId));
            default -> {
            }
        }
        arm(o);
        mirror(st, lastEntries(st, 1));
    }

    private ReplyEffect<Event, State> release(State s, ReleaseUnit c) {
        Optional<Order> holding = s.orders().stream()
                .filter(o -> o.unitId().equals(c.unitId()) && o.state().holdsUnit()).findFirst();
        if (holding.isEmpty()) {
            Optional<Order> any = s.orders().stream().filter(o -> o.unitId().equals(c.unitId()) && o.live()).findFirst();
            return Effect().reply(c.replyTo(), StatusReply.error(any.isPresent()
                    ? "unit " + c.unitId() + " is on order " + any.get().orderId() + ", which is " + any.get().state()
                      + "; only an accepted unit can be released (an unanswered order times out or is rejected)"
                    : "unit " + c.unitId() + " was never dispatched to incident " + incidentId
                      + " (or is no longer on it)"));
        }
        Order o = holding.get();
        Instant now = clock.instant();
        return Effect().persist(new OrderMoved(incidentId, now, o.orderId(), OrderEvent.RELEASE, OrderState.RELEASED,
                        null, c.by(), c.why()))
                .thenRun(st -> afterMove(st, st.order(o.orderId()).orElseThrow(), OrderEvent.RELEASE, c.by()))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.view()));
    }

    // -- timers

    private OrderDeadlines deadlines(State s) {
        return settings.timers().deadlines(s.facts().category(), s.facts().grade());
    }

    private Instant deadlineIn(State s, Order o, OrderState to, Instant now) {
        OrderDeadlines d = deadlines(s);
        OrderDeadlines.TimerKind kind = d.timerIn(to);
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case ACKNOWLEDGEMENT -> o.deadline();
            case EN_ROUTE -> d.enRouteBy(now);
            case ON_SCENE -> d.onSceneBy(now, Duration.ofMillis(Math.round(o.etaSeconds() * 1000)));
        };
    }

    private void arm(Order o) {
        OrderDeadlines.TimerKind kind = o.deadline() == null ? null : TIMER_KINDS.timerIn(o.state());
        if (kind == null || o.overdue().contains(kind.name())) {
            timers.cancel(o.orderId());
            return;
        }
        Duration in = Duration.between(clock.instant(), o.deadline());
        timers.startSingleTimer(o.orderId(), new DeadlinePassed(o.orderId(), kind, o.deadline()),
                in.isNegative() ? Duration.ZERO : in);
    }

    private void armRedelivery(State s) {
        boolean unanswered = s.orders().stream()
                .anyMatch(o -> o.state() == OrderState.ISSUED || o.state() == OrderState.DELIVERED);
        if (unanswered && !timers.isTimerActive(REDELIVER)) {
            timers.startTimerWithFixedDelay(REDELIVER, new Redeliver(), settings.redeliverEvery());
        } else if (!unanswered) {
            timers.cancel(REDELIVER);
        }
    }

    private ReplyEffect<Event, State> redeliver(State s, Redeliver c) {
        s.orders().stream().filter(o -> o.state() == OrderState.ISSUED || o.state() == OrderState.DELIVERED)
                .forEach(o -> ports.deliver(s.facts(), o));
        armRedelivery(s);
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> deadlinePassed(State s, DeadlinePassed c) {
        Optional<Order> found = s.order(c.orderId());
        if (found.isEmpty() || found.get().deadline() == null || TIMER_KINDS.timerIn(found.get().state()) != c.kind()
                || found.get().overdue().contains(c.kind().name())) {
            return Effect().noReply(); // a timer of a state the order has left
        }
        Order o = found.get();
        Instant now = clock.instant();
        if (now.isBefore(o.deadline())) {
            arm(o); // the deadline moved on (or the timer fired early): wait for the one in force
            return Effect().noReply();
        }
        if (c.kind() == OrderDeadlines.TimerKind.ACKNOWLEDGEMENT) {
            String why = "no acknowledgement from " + o.agency() + " within "
                    + Duration.between(o.issuedAt(), o.deadline()).toSeconds() + " s; the next-best unit is ordered";
            return Effect().persist(new OrderMoved(incidentId, now, o.orderId(), OrderEvent.TIME_OUT,
                            OrderState.TIMED_OUT, null, Who.SYSTEM, why))
                    .thenRun(st -> afterMove(st, st.order(o.orderId()).orElseThrow(), OrderEvent.TIME_OUT, Who.SYSTEM))
                    .thenNoReply();
        }
        String why = c.kind() == OrderDeadlines.TimerKind.EN_ROUTE
                ? "unit " + o.unitId() + " accepted but has not reported en route by " + o.deadline()
                : "unit " + o.unitId() + " is en route but has not reported on scene by " + o.deadline();
        return Effect().persist(new OrderOverdue(incidentId, now, o.orderId(), c.kind(), why))
                .thenRun(st -> {
                    arm(st.order(o.orderId()).orElseThrow());
                    mirror(st, lastEntries(st, 1));
                })
                .thenNoReply();
    }

    // -- replacement

    private void findReplacement(State s, Order ended) {
        if (searching) {
            return; // picked up by nextSearch when the running one lands
        }
        searching = true;
        Set<String> excluded = new HashSet<>(s.orderedUnits());
        ctx.pipeToSelf(ports.replacement(s.facts(), ended.capability(), excluded, s::nextOrderId, Who.SYSTEM)
                        .toCompletableFuture(),
                (found, failure) -> new ReplacementFound(ended.orderId(),
                        found == null ? null : found.orElse(null),
                        failure != null ? "the search failed (" + failure.getClass().getSimpleName() + ")"
                                : "no available unit with " + ended.capability() + " can arrive within the limit"));
    }

    private void nextSearch(State s) {
        s.orders().stream().filter(Order::awaitingReplacement).findFirst().ifPresent(o -> findReplacement(s, o));
    }

    private ReplyEffect<Event, State> replacementFound(State s, ReplacementFound c) {
        searching = false;
        Optional<Order> ended = s.order(c.orderId());
        if (ended.isEmpty() || !ended.get().awaitingReplacement()
                || (c.replacement() != null && s.order(c.replacement().orderId()).isPresent())) {
            nextSearch(s);
            return Effect().noReply();
        }
        Instant now = clock.instant();
        if (c.replacement() == null) {
            return Effect().persist(new ReplacementSettled(incidentId, now, c.orderId(), Order.NO_REPLACEMENT,
                            c.why() + "; the duty officer must find a unit (or ask for mutual aid)"))
                    .thenRun(st -> {
                        mirror(st, lastEntries(st, 1));
                        nextSearch(st);
                    })
                    .thenNoReply();
        }
        Order fresh = c.replacement();
        Order next = new Order(fresh.orderId(), fresh.unitId(), fresh.agency(), fresh.unitType(), fresh.capability(),
                fresh.countyAdcode(), fresh.mutualAid(), fresh.etaSeconds(), OrderState.ISSUED, now, now,
                deadlines(s).acknowledgeBy(now), c.orderId(), "", "");
        return Effect().persist(List.of(
                        new ReplacementSettled(incidentId, now, c.orderId(), next.orderId(),
                                "next-best unit for " + ended.get().capability() + " after " + ended.get().unitId() + " "
                                        + ended.get().state()),
                        new OrdersIssued(incidentId, now, List.of(next), List.of(), Who.SYSTEM)))
                .thenRun(st -> {
                    afterIssue(st, List.of(next));
                    nextSearch(st);
                })
                .thenNoReply();
    }

    // -- the incident's timeline

    private static List<TimelineEntry> lastEntries(State st, int n) {
        return st.log().subList(Math.max(0, st.log().size() - n), st.log().size());
    }

    private void mirror(State st, List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        pipe("timeline copy", ports.recordOnIncident(incidentId, List.copyOf(entries), st.progress()));
    }

    private void pipe(String what, java.util.concurrent.CompletionStage<?> stage) {
        ctx.pipeToSelf(stage.toCompletableFuture(), (ok, failure) ->
                new SideEffectDone(what, failure == null ? null : failure.toString()));
    }

    // ------------------------------------------------------------ event handler

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(ProposalMade.class, (s, e) -> new State(e.facts(), e.proposal(), s.orders(), s.log())
                        .log(new TimelineEntry(e.at(), e.by(), "dispatch proposed: " + e.proposal().units().size()
                                + " unit(s) for " + e.proposal().plan(), e.proposal().shortfalls().isEmpty()
                                ? "the plan can be met" : "short: " + String.join(", ", e.proposal().shortfalls()))))
                .onEvent(OrdersIssued.class, (s, e) -> {
                    List<Order> orders = new ArrayList<>(s.orders());
                    orders.addAll(e.orders());
                    State next = new State(s.facts(), s.proposal(), List.copyOf(orders), s.log());
                    for (Order o : e.orders()) {
                        next = next.log(new TimelineEntry(e.at(), e.by(), "order " + o.orderId() + ": " + o.unitId()
                                + " (" + o.unitType() + ", " + o.capability() + ") to respond, ETA "
                                + Math.round(o.etaSeconds() / 60.0) + " min" + (o.mutualAid() ? ", mutual aid" : ""),
                                o.replaces().isEmpty() ? "confirmed" : "replaces order " + o.replaces()));
                    }
                    if (!e.refusals().isEmpty()) {
                        next = next.log(new TimelineEntry(e.at(), e.by(), "not ordered: " + e.refusals().size()
                                + " unit(s)", String.join("; ", e.refusals())));
                    }
                    return next;
                })
                .onEvent(OrderMoved.class, (s, e) -> {
                    Order o = s.order(e.orderId()).orElseThrow();
                    return s.withOrder(o.moved(e.to(), e.at(), e.deadline())).log(new TimelineEntry(e.at(), e.by(), "order " + e.orderId() + ": "
                            + o.unitId() + " " + describe(e.to()), e.why() == null ? "" : e.why()));
                })
                .onEvent(OrderOverdue.class, (s, e) -> s.withOrder(s.order(e.orderId()).orElseThrow()
                        .overdue(e.kind().name())).log(new TimelineEntry(e.at(), Who.SYSTEM, "alert: order "
                        + e.orderId() + " overdue (" + e.kind() + ")", e.why())))
                .onEvent(ReplacementSettled.class, (s, e) -> s.withOrder(s.order(e.orderId()).orElseThrow()
                        .replacedBy(e.replacedBy())).log(new TimelineEntry(e.at(), Who.SYSTEM,
                        Order.NO_REPLACEMENT.equals(e.replacedBy())
                                ? "no next-best unit after order " + e.orderId()
                                : "next-best unit: order " + e.replacedBy() + " replaces " + e.orderId(), e.why())))
                .build();
    }

    private static String describe(OrderState to) {
        return switch (to) {
            case ACCEPTED -> "accepted";
            case REJECTED -> "rejected";
            case TIMED_OUT -> "timed out";
            case EN_ROUTE -> "en route";
            case ON_SCENE -> "on scene";
            case RELEASED -> "released";
            case DELIVERED -> "delivered";
            case ISSUED -> "issued";
        };
    }
}
