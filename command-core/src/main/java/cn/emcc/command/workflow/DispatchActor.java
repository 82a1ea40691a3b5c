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
import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * follows the unit's progress to release. Standing a unit down (an
 * officer's release, the incident ended) sends the agency a release order;
 * the unit stays committed until the agency confirms. Units are committed
 * only after the orders are persisted as prepared, so a crash between the
 * two is finished on recovery and never strands a unit. Its steps are copied
 * onto the incident's timeline (the incident ignores a step it already has,
 * so the copy is at least once). After a restart it re-arms its timers from
 * the deadlines in its state and offers the unanswered orders again under the
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
     * Orders the proposal without {@code drop}, with {@code add} (units already on a live order here are left
     * out). The orders are persisted as prepared, then each unit is committed through its UnitActor, then the
     * committed ones are issued; refused units are listed in the answer and on the timeline.
     */
    public record ConfirmOrders(Set<String> drop, List<ProposedUnit> add, Who by,
                                ActorRef<StatusReply<Confirmed>> replyTo) implements Command {
    }

    /**
     * Orders units that another jurisdiction committed as mutual aid (request {@code requestId}), through the
     * same prepare → commit → issue path; units already on a live order here are answered as they are, so
     * asking again after a crash orders nothing twice.
     */
    public record OrderMutualAid(String requestId, List<ProposedUnit> units, Who by,
                                 ActorRef<StatusReply<Confirmed>> replyTo) implements Command {
    }

    /** The dispatch after a confirmation, and the units that could not be ordered, with why. */
    public record Confirmed(DispatchView dispatch, List<String> refused) implements CborSerializable {
    }

    /** The incident ended (closed, cancelled, merged): every live order is recalled, nothing new is ordered. */
    public record StandDown(Who by, String why, ActorRef<StatusReply<DispatchView>> replyTo) implements Command {
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

    /** Order alerts and the moves that end them, read into the command nodes' pictures ({@link OrderAlertStream}). */
    public static final String ALERT_TAG = "order-alert";

    /** How the answer to {@link GetDispatch} says that nobody has proposed for the incident yet. */
    private static final String NO_DISPATCH_YET = " has no dispatch yet";

    public static boolean isNoDispatchYet(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t instanceof StatusReply.ErrorMessage && String.valueOf(t.getMessage()).endsWith(NO_DISPATCH_YET);
    }

    public record GetDispatch(ActorRef<StatusReply<DispatchView>> replyTo) implements Command {
    }

    /** Starts the entity (after a node restart) so its timers and redeliveries run; answers nothing. */
    public record Wake() implements Command {
    }

    /** Starts the entity like {@link Wake} and answers whether any of its orders is still open (not terminal). */
    public record CheckOrdersOut(ActorRef<OrdersOut> replyTo) implements Command {
    }

    public record OrdersOut(String incidentId, boolean any) implements CborSerializable {
    }

    record DeadlinePassed(String orderId, OrderDeadlines.TimerKind kind, Instant deadline) implements Command {
    }

    record Redeliver() implements Command {
    }

    /** The candidates for the next-best unit after {@code orderId}, best first (none: {@code why}). */
    record ReplacementCandidates(String orderId, List<ProposedUnit> candidates, String why) implements Command {
    }

    /**
     * How committing the units of prepared orders went: {@code refusals} order id → the unit's reason;
     * {@code failed}: orders whose commit got no answer (tried again).
     */
    record UnitsCommitted(List<String> committed, Map<String, String> refusals, List<String> failed)
            implements Command {
    }

    record RetryCommits() implements Command {
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

    /** Orders whose units are about to be committed: the intent, persisted first. */
    public record OrdersPrepared(String incidentId, Instant at, List<Order> orders, Who by) implements Event {
    }

    /**
     * Prepared orders settled: {@code orders} go out; {@code withdrawn} (prepared order ids) do not, for the
     * {@code refusals} given.
     */
    public record OrdersIssued(String incidentId, Instant at, List<Order> orders, List<String> refusals,
                               List<String> withdrawn, Who by) implements Event {
    }

    /** The incident ended: its live orders are recalled next, and nothing new is ordered. */
    public record DispatchEnded(String incidentId, Instant at, Who by, String why) implements Event {
    }

    /** The agency refused a release order: the unit stays committed; the officer must sort it out. */
    public record ReleaseRefused(String incidentId, Instant at, String orderId, Who by, String why) implements Event {
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

    /**
     * @param prepared orders persisted before their units are committed (see {@link OrdersPrepared})
     * @param ended    why the incident's dispatch ended ("" while it goes on)
     */
    public record State(IncidentFacts facts, Proposal proposal, List<Order> orders, List<TimelineEntry> log,
                        List<Order> prepared, String ended)
            implements CborSerializable {

        Optional<Order> order(String orderId) {
            return orders.stream().filter(o -> o.orderId().equals(orderId)).findFirst();
        }

        Optional<Order> preparedOrder(String orderId) {
            return prepared.stream().filter(o -> o.orderId().equals(orderId)).findFirst();
        }

        State withOrder(Order changed) {
            List<Order> list = new ArrayList<>(orders.size());
            orders.forEach(o -> list.add(o.orderId().equals(changed.orderId()) ? changed : o));
            return new State(facts, proposal, List.copyOf(list), log, prepared, ended);
        }

        State log(TimelineEntry... entries) {
            List<TimelineEntry> l = new ArrayList<>(log);
            l.addAll(List.of(entries));
            return new State(facts, proposal, orders, List.copyOf(l), prepared, ended);
        }

        boolean isEnded() {
            return !ended.isEmpty();
        }

        /** Units on a live order or an order being prepared here. */
        Set<String> unitsOnLiveOrders() {
            Set<String> busy = orders.stream().filter(Order::live).map(Order::unitId).collect(Collectors.toSet());
            prepared.forEach(o -> busy.add(o.unitId()));
            return busy;
        }

        Set<String> orderedUnits() {
            Set<String> all = orders.stream().map(Order::unitId).collect(Collectors.toSet());
            prepared.forEach(o -> all.add(o.unitId()));
            return all;
        }

        String nextOrderId(String unitId) {
            long n = orders.stream().filter(o -> o.unitId().equals(unitId)).count()
                    + prepared.stream().filter(o -> o.unitId().equals(unitId)).count();
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

    /**
     * Settings of the workflow ({@code emcc.dispatch.*}).
     *
     * @param haltBeforeIssue fault injection for tests only: commit the units of prepared orders but never
     *                        issue them, as a node that crashes between the two would
     */
    public record Settings(DispatchTimers timers, Duration redeliverEvery, boolean haltBeforeIssue) {
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
    private static final Object RETRY_COMMITS = "retry-commits";
    private static final Duration RETRY_COMMITS_AFTER = Duration.ofSeconds(1);

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
    /** Officers waiting for a confirmation, by prepared order id (not persisted: after a restart nobody waits). */
    private final Map<String, Batch> waiting = new HashMap<>();
    /** The candidates not yet tried for a prepared replacement order, by its order id. */
    private final Map<String, List<ProposedUnit>> untried = new HashMap<>();
    /** Prepared orders whose commit is under way (one commit per order at a time). */
    private final Set<String> committing = new HashSet<>();

    /** One officer's confirmation: the prepared orders it still waits for and the refusals so far. */
    private static final class Batch {
        final ActorRef<StatusReply<Confirmed>> replyTo;
        final Set<String> open;
        final List<String> refused = new ArrayList<>();

        Batch(ActorRef<StatusReply<Confirmed>> replyTo, Set<String> open) {
            this.replyTo = replyTo;
            this.open = open;
        }
    }

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
    public Set<String> tagsFor(Event event) {
        return event instanceof OrderOverdue || event instanceof OrderMoved ? Set.of(ALERT_TAG) : Set.of();
    }

    @Override
    public State emptyState() {
        return new State(null, null, List.of(), List.of(), List.of(), "");
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::resume).build();
    }

    /**
     * After recovery: prepared orders committed again (the assignment is idempotent) and settled, timers from
     * the stored deadlines, unanswered orders and release orders offered again, the timeline copied.
     */
    private void resume(State s) {
        if (s.facts() == null) {
            return;
        }
        if (!s.prepared().isEmpty()) {
            if (s.prepared().stream().anyMatch(o -> !o.replaces().isEmpty())) {
                searching = true; // the prepared replacement is the search in progress
            }
            commit(s, s.prepared(), Who.SYSTEM);
        }
        s.orders().forEach(o -> {
            arm(o);
            offer(s, o);
            if (o.awaitingReplacement() && !searching) {
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
                .onCommand(ConfirmOrders.class, this::confirm)
                .onCommand(OrderMutualAid.class, this::orderMutualAid)
                .onCommand(UnitsCommitted.class, this::unitsCommitted)
                .onCommand(RetryCommits.class, (s, c) -> {
                    commit(s, s.prepared(), Who.SYSTEM);
                    return Effect().noReply();
                })
                .onCommand(AgencyAnswer.class, this::answer)
                .onCommand(AgencyProgress.class, this::progress)
                .onCommand(ReleaseUnit.class, this::release)
                .onCommand(StandDown.class, this::standDown)
                .onCommand(GetDispatch.class, (s, c) -> Effect().reply(c.replyTo(), s.facts() == null
                        ? StatusReply.error("incident " + incidentId + NO_DISPATCH_YET)
                        : StatusReply.success(s.view())))
                .onCommand(Wake.class, (s, c) -> Effect().noReply())
                .onCommand(CheckOrdersOut.class, (s, c) -> Effect().reply(c.replyTo(), new OrdersOut(incidentId,
                        !s.prepared().isEmpty() || s.orders().stream().anyMatch(Order::live))))
                .onCommand(DeadlinePassed.class, this::deadlinePassed)
                .onCommand(Redeliver.class, this::redeliver)
                .onCommand(ReplacementCandidates.class, this::replacementCandidates)
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

    private ReplyEffect<Event, State> confirm(State s, ConfirmOrders c) {
        if (s.proposal() == null) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId
                    + " has no proposal to confirm; ask for one first (POST .../dispatch/proposal)"));
        }
        if (s.isEnded()) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId + " has ended ("
                    + s.ended() + "); nothing more is ordered for it"));
        }
        Set<String> proposed = s.proposal().units().stream().map(ProposedUnit::unitId).collect(Collectors.toSet());
        Set<String> unknownDrops = new HashSet<>(c.drop());
        unknownDrops.removeAll(proposed);
        if (!unknownDrops.isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.error("drop names " + unknownDrops.stream().sorted().toList()
                    + ", which the proposal does not contain; proposed: " + proposed.stream().sorted().toList()));
        }
        List<ProposedUnit> chosen = new ArrayList<>();
        s.proposal().units().stream().filter(u -> !c.drop().contains(u.unitId())).forEach(chosen::add);
        chosen.addAll(c.add());
        List<Order> orders = newOrders(s, chosen);
        if (orders.isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.error(
                    "nothing to order: every unit is dropped or already on an order of incident " + incidentId));
        }
        return prepareAndCommit(orders, c.by(), c.replyTo());
    }

    private ReplyEffect<Event, State> orderMutualAid(State s, OrderMutualAid c) {
        if (s.facts() == null || s.isEnded()) {
            return Effect().reply(c.replyTo(), StatusReply.error(s.facts() == null
                    ? "incident " + incidentId + " has no dispatch yet; ask for a proposal first"
                    : "incident " + incidentId + " has ended (" + s.ended() + "); nothing more is ordered for it"));
        }
        List<Order> orders = newOrders(s, c.units());
        if (orders.isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.success(new Confirmed(s.view(), List.of())));
        }
        return prepareAndCommit(orders, c.by(), c.replyTo());
    }

    /** New orders for the units not already on a live (or prepared) order here, each unit once. */
    private List<Order> newOrders(State s, List<ProposedUnit> units) {
        Set<String> busyHere = s.unitsOnLiveOrders();
        Instant now = clock.instant();
        OrderDeadlines deadlines = deadlines(s);
        List<Order> orders = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ProposedUnit u : units) {
            if (busyHere.contains(u.unitId()) || !seen.add(u.unitId())) {
                continue;
            }
            orders.add(newOrder(s, u, now, deadlines, ""));
        }
        return orders;
    }

    private ReplyEffect<Event, State> prepareAndCommit(List<Order> orders, Who by,
                                                       ActorRef<StatusReply<Confirmed>> replyTo) {
        Batch batch = new Batch(replyTo, orders.stream().map(Order::orderId).collect(Collectors.toCollection(HashSet::new)));
        return Effect().persist(new OrdersPrepared(incidentId, clock.instant(), List.copyOf(orders), by))
                .thenRun(st -> {
                    orders.forEach(o -> waiting.put(o.orderId(), batch));
                    commit(st, orders, by);
                })
                .thenNoReply();
    }

    private static Order newOrder(State s, ProposedUnit u, Instant now, OrderDeadlines deadlines, String replaces) {
        return new Order(s.nextOrderId(u.unitId()), u.unitId(), u.agency(), u.unitType(), u.capability(),
                u.countyAdcode(), u.mutualAid(), u.etaSeconds(), OrderState.ISSUED, now, now,
                deadlines.acknowledgeBy(now), replaces, "", "");
    }

    /** Commits the units of prepared orders (each through its UnitActor) and comes back with how it went. */
    private void commit(State s, List<Order> prepared, Who by) {
        List<Order> fresh = prepared.stream().filter(o -> committing.add(o.orderId())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, CompletableFuture<Optional<String>>> asks = new LinkedHashMap<>();
        fresh.forEach(o -> asks.put(o.orderId(), ports.commit(incidentId, o, by).toCompletableFuture()));
        CompletableFuture<Void> all = CompletableFuture.allOf(asks.values().stream()
                .map(f -> f.handle((r, e) -> r)).toArray(CompletableFuture[]::new));
        ctx.pipeToSelf(all, (ok, failure) -> {
            List<String> committed = new ArrayList<>();
            Map<String, String> refusals = new LinkedHashMap<>();
            List<String> failed = new ArrayList<>();
            asks.forEach((orderId, f) -> {
                if (f.isCompletedExceptionally()) {
                    failed.add(orderId);
                } else if (f.join().isPresent()) {
                    refusals.put(orderId, f.join().get());
                } else {
                    committed.add(orderId);
                }
            });
            return new UnitsCommitted(committed, refusals, failed);
        });
    }

    private ReplyEffect<Event, State> unitsCommitted(State s, UnitsCommitted c) {
        c.committed().forEach(committing::remove);
        c.refusals().keySet().forEach(committing::remove);
        c.failed().forEach(committing::remove);
        if (!c.failed().isEmpty()) {
            ctx.getLog().warn("dispatch {}: committing the units of {} got no answer; trying again", incidentId, c.failed());
            timers.startSingleTimer(RETRY_COMMITS, new RetryCommits(), RETRY_COMMITS_AFTER);
        }
        if (settings.haltBeforeIssue()) {
            return Effect().noReply(); // a crash here: the units are committed, the orders are only prepared
        }
        List<Order> committed = c.committed().stream().map(s::preparedOrder).flatMap(Optional::stream).toList();
        List<Order> refused = c.refusals().keySet().stream().map(s::preparedOrder).flatMap(Optional::stream).toList();
        if (committed.isEmpty() && refused.isEmpty()) {
            return Effect().noReply();
        }
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>();
        List<String> reasons = refused.stream().map(o -> o.unitId() + ": " + c.refusals().get(o.orderId())).toList();
        List<Order> issued = new ArrayList<>();
        List<String> withdrawn = new ArrayList<>(refused.stream().map(Order::orderId).toList());
        List<Order> strayCommitted = new ArrayList<>();
        for (Order o : committed) {
            if (s.isEnded()) {
                strayCommitted.add(o); // the incident ended while its unit was being committed: free it again
                withdrawn.add(o.orderId());
                continue;
            }
            // deadlines run from the moment the order goes out, not from when it was prepared
            Order out = new Order(o.orderId(), o.unitId(), o.agency(), o.unitType(), o.capability(), o.countyAdcode(),
                    o.mutualAid(), o.etaSeconds(), OrderState.ISSUED, now, now, deadlines(s).acknowledgeBy(now),
                    o.replaces(), "", "");
            issued.add(out);
            if (!o.replaces().isEmpty()) {
                Order ended = s.order(o.replaces()).orElseThrow();
                events.add(new ReplacementSettled(incidentId, now, o.replaces(), o.orderId(),
                        DispatchReasons.nextBest(ended.capability(), ended.unitId(), ended.state())));
            }
        }
        List<String> allReasons = new ArrayList<>(reasons);
        strayCommitted.forEach(o -> allReasons.add(o.unitId() + ": the incident ended before the order went out"));
        events.add(new OrdersIssued(incidentId, now, List.copyOf(issued), List.copyOf(allReasons),
                List.copyOf(withdrawn), Who.SYSTEM));
        List<Order> refusedReplacements = refused.stream().filter(o -> !o.replaces().isEmpty()).toList();
        boolean replacementLanded = issued.stream().anyMatch(o -> !o.replaces().isEmpty());
        return Effect().persist(events)
                .thenRun(st -> {
                    strayCommitted.forEach(o -> pipe("release of " + o.unitId(), ports.releaseUnit(o.unitId(),
                            o.orderId(), Who.SYSTEM, "incident " + incidentId + " ended before the order went out")));
                    afterIssue(st, issued);
                    if (!allReasons.isEmpty() && issued.isEmpty()) {
                        mirror(st, lastEntries(st, 1));
                    }
                    answerWaiting(st, c, reasons);
                    if (replacementLanded) {
                        searching = false;
                        nextSearch(st);
                    }
                    refusedReplacements.forEach(o -> tryNextCandidate(st, o));
                })
                .thenNoReply();
    }

    private void answerWaiting(State st, UnitsCommitted c, List<String> reasons) {
        Set<Batch> touched = new HashSet<>();
        List<String> settled = new ArrayList<>(c.committed());
        settled.addAll(c.refusals().keySet());
        for (String id : settled) {
            Batch b = waiting.remove(id);
            if (b != null) {
                b.open.remove(id);
                touched.add(b);
            }
        }
        for (Batch b : touched) {
            reasons.stream().filter(r -> !b.refused.contains(r)).forEach(b.refused::add);
            if (b.open.isEmpty()) {
                boolean anyIssued = c.committed().stream().anyMatch(id -> st.order(id).isPresent());
                b.replyTo.tell(anyIssued || b.refused.isEmpty()
                        ? StatusReply.success(new Confirmed(st.view(), List.copyOf(b.refused)))
                        : StatusReply.error("no unit could be ordered: " + String.join("; ", b.refused)));
            }
        }
    }

    private void afterIssue(State st, List<Order> fresh) {
        fresh.forEach(o -> {
            ports.deliver(st.facts(), o);
            arm(o);
        });
        armRedelivery(st);
        if (!fresh.isEmpty()) {
            mirror(st, lastEntries(st, fresh.size() + 2));
        }
    }

    // -- the agency's answers and progress

    private ReplyEffect<Event, State> answer(State s, AgencyAnswer c) {
        if (Order.isReleaseOrder(c.orderId())) {
            return releaseAnswer(s, c);
        }
        return move(s, c.orderId(), c.from(), c.accepted() ? OrderEvent.ACCEPT : OrderEvent.REJECT, c.by(),
                c.accepted() ? "" : c.reason(), c.replyTo());
    }

    /** The agency's answer to a release order: accepted, the unit is released; refused, an alert. */
    private ReplyEffect<Event, State> releaseAnswer(State s, AgencyAnswer c) {
        String orderId = Order.recalledOrder(c.orderId());
        Optional<Order> found = s.order(orderId);
        if (found.isEmpty() || found.get().agency() != c.from()) {
            return Effect().reply(c.replyTo(), StatusReply.error(found.isEmpty()
                    ? "unknown reference: release order " + c.orderId() + " is not an order of incident " + incidentId
                    : "not permitted: order " + orderId + " went to " + found.get().agency() + ", not " + c.from()));
        }
        Order o = found.get();
        if (o.state() != OrderState.RELEASING || o.overdue().contains(RELEASE_REFUSED)) {
            boolean settled = o.state() == OrderState.RELEASED || o.overdue().contains(RELEASE_REFUSED);
            return Effect().reply(c.replyTo(), settled
                    ? StatusReply.success(new Answered(c.orderId(), o.state(), true))
                    : StatusReply.error("inconsistent: order " + orderId + " is " + o.state()
                      + ", no release was asked for"));
        }
        if (c.accepted()) {
            return move(s, orderId, c.from(), OrderEvent.RELEASE, c.by(), DispatchReasons.RELEASE_CONFIRMED,
                    c.replyTo());
        }
        String why = DispatchReasons.releaseRefused(o.unitId(), c.reason());
        return Effect().persist(new ReleaseRefused(incidentId, clock.instant(), orderId, c.by(), why))
                .thenRun(st -> {
                    ports.settle(c.orderId());
                    mirror(st, lastEntries(st, 1));
                })
                .thenReply(c.replyTo(), st -> StatusReply.success(new Answered(c.orderId(), o.state(), false)));
    }

    /** The marker in an order's alerts that the agency refused its release order. */
    static final String RELEASE_REFUSED = "RELEASE_REFUSED";

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

    /**
     * A resent answer or progress report: the order is already where the event would take it, or beyond;
     * or it is being released, and the unit's progress towards the incident no longer matters.
     */
    private static boolean alreadyPast(OrderState state, OrderEvent event) {
        return switch (event) {
            case ACCEPT, DELIVER -> state == OrderState.ACCEPTED || state == OrderState.EN_ROUTE
                    || state == OrderState.ON_SCENE || state == OrderState.RELEASED || state == OrderState.RELEASING;
            case REJECT -> state == OrderState.REJECTED;
            case DEPART -> state == OrderState.EN_ROUTE || state == OrderState.ON_SCENE || state == OrderState.RELEASED
                    || state == OrderState.RELEASING;
            case ARRIVE -> state == OrderState.ON_SCENE || state == OrderState.RELEASED || state == OrderState.RELEASING;
            case RELEASE -> state == OrderState.RELEASED;
            case RECALL -> state == OrderState.RELEASING || state == OrderState.RELEASED;
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
            case RECALL -> ports.deliverRelease(st.facts(), o);
            case RELEASE -> {
                ports.settle(Order.releaseOrderId(o.orderId()));
                pipe("release of " + o.unitId(), ports.releaseUnit(o.unitId(), o.orderId(), by,
                        "released from incident " + incidentId));
            }
            default -> {
            }
        }
        arm(o);
        armRedelivery(st);
        mirror(st, lastEntries(st, 1));
    }

    /** An officer stands a unit down: its live order is recalled and the agency gets a release order. */
    private ReplyEffect<Event, State> release(State s, ReleaseUnit c) {
        Optional<Order> live = s.orders().stream().filter(o -> o.unitId().equals(c.unitId()) && o.live()).findFirst();
        if (live.isEmpty() || live.get().state() == OrderState.RELEASING) {
            return Effect().reply(c.replyTo(), StatusReply.error(live.isPresent()
                    ? "unit " + c.unitId() + " is already being released (order " + live.get().orderId()
                      + "); waiting for " + live.get().agency() + " to confirm"
                    : "unit " + c.unitId() + " was never dispatched to incident " + incidentId
                      + " (or is no longer on it)"));
        }
        Order o = live.get();
        Instant now = clock.instant();
        return Effect().persist(new OrderMoved(incidentId, now, o.orderId(), OrderEvent.RECALL, OrderState.RELEASING,
                        deadlines(s).releaseConfirmedBy(now), c.by(), DispatchReasons.releaseSent(c.why(), o.agency())))
                .thenRun(st -> afterMove(st, st.order(o.orderId()).orElseThrow(), OrderEvent.RECALL, c.by()))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.view()));
    }

    /** The incident ended: every live order is recalled; searches for next-best units end without one. */
    private ReplyEffect<Event, State> standDown(State s, StandDown c) {
        if (s.facts() == null || s.isEnded()) {
            return Effect().reply(c.replyTo(), s.facts() == null
                    ? StatusReply.error("incident " + incidentId + " has no dispatch yet")
                    : StatusReply.success(s.view()));
        }
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>();
        events.add(new DispatchEnded(incidentId, now, c.by(), c.why()));
        List<String> recalled = new ArrayList<>();
        for (Order o : s.orders()) {
            if (o.live() && o.state() != OrderState.RELEASING) {
                events.add(new OrderMoved(incidentId, now, o.orderId(), OrderEvent.RECALL, OrderState.RELEASING,
                        deadlines(s).releaseConfirmedBy(now), c.by(), DispatchReasons.releaseSent(c.why(), o.agency())));
                recalled.add(o.orderId());
            } else if (o.awaitingReplacement()) {
                events.add(new ReplacementSettled(incidentId, now, o.orderId(), Order.NO_REPLACEMENT,
                        DispatchReasons.incidentEnded(c.why())));
            }
        }
        return Effect().persist(events)
                .thenRun(st -> {
                    recalled.forEach(id -> {
                        Order o = st.order(id).orElseThrow();
                        ports.settle(id);
                        ports.deliverRelease(st.facts(), o);
                        arm(o);
                    });
                    armRedelivery(st);
                    mirror(st, lastEntries(st, events.size()));
                })
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
            case RELEASE -> d.releaseConfirmedBy(now);
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

    /** Orders the agency has not answered, and release orders it has not confirmed, are pushed again. */
    private static boolean awaitsAgency(Order o) {
        return o.state() == OrderState.ISSUED || o.state() == OrderState.DELIVERED
                || (o.state() == OrderState.RELEASING && !o.overdue().contains(RELEASE_REFUSED));
    }

    private void offer(State s, Order o) {
        if (o.state() == OrderState.RELEASING) {
            if (!o.overdue().contains(RELEASE_REFUSED)) {
                ports.deliverRelease(s.facts(), o);
            }
        } else if (o.state() == OrderState.ISSUED || o.state() == OrderState.DELIVERED) {
            ports.deliver(s.facts(), o);
        }
    }

    private void armRedelivery(State s) {
        boolean unanswered = s.orders().stream().anyMatch(DispatchActor::awaitsAgency);
        if (unanswered && !timers.isTimerActive(REDELIVER)) {
            timers.startTimerWithFixedDelay(REDELIVER, new Redeliver(), settings.redeliverEvery());
        } else if (!unanswered) {
            timers.cancel(REDELIVER);
        }
    }

    private ReplyEffect<Event, State> redeliver(State s, Redeliver c) {
        s.orders().forEach(o -> offer(s, o));
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
            String why = DispatchReasons.noAcknowledgement(o.agency(),
                    Duration.between(o.issuedAt(), o.deadline()).toSeconds());
            return Effect().persist(new OrderMoved(incidentId, now, o.orderId(), OrderEvent.TIME_OUT,
                            OrderState.TIMED_OUT, null, Who.SYSTEM, why))
                    .thenRun(st -> afterMove(st, st.order(o.orderId()).orElseThrow(), OrderEvent.TIME_OUT, Who.SYSTEM))
                    .thenNoReply();
        }
        String why = switch (c.kind()) {
            case EN_ROUTE -> DispatchReasons.notEnRoute(o.unitId(), o.deadline());
            case ON_SCENE -> DispatchReasons.notOnScene(o.unitId(), o.deadline());
            default -> DispatchReasons.releaseUnconfirmed(o.unitId(), o.agency(), o.deadline());
        };
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
        ctx.pipeToSelf(ports.candidates(s.facts(), ended.capability(), excluded).toCompletableFuture(),
                (found, failure) -> new ReplacementCandidates(ended.orderId(), found == null ? List.of() : found,
                        failure != null ? "the search failed (" + failure.getClass().getSimpleName() + ")"
                                : DispatchReasons.noUnitInLimit(ended.capability())));
    }

    private void nextSearch(State s) {
        s.orders().stream().filter(Order::awaitingReplacement).findFirst().ifPresent(o -> findReplacement(s, o));
    }

    /** The search found candidates: the first is prepared as the replacement order, then its unit committed. */
    private ReplyEffect<Event, State> replacementCandidates(State s, ReplacementCandidates c) {
        Optional<Order> ended = s.order(c.orderId());
        if (ended.isEmpty() || !ended.get().awaitingReplacement()) {
            searching = false;
            nextSearch(s);
            return Effect().noReply();
        }
        Set<String> ordered = s.orderedUnits();
        List<ProposedUnit> left = c.candidates().stream().filter(u -> !ordered.contains(u.unitId())).toList();
        Instant now = clock.instant();
        if (left.isEmpty() || s.isEnded()) {
            String why = s.isEnded() ? DispatchReasons.incidentEnded(s.ended())
                    : DispatchReasons.officerMustFind(c.why());
            return Effect().persist(new ReplacementSettled(incidentId, now, c.orderId(), Order.NO_REPLACEMENT, why))
                    .thenRun(st -> {
                        searching = false;
                        mirror(st, lastEntries(st, 1));
                        nextSearch(st);
                    })
                    .thenNoReply();
        }
        Order next = newOrder(s, left.get(0), now, deadlines(s), c.orderId());
        return Effect().persist(new OrdersPrepared(incidentId, now, List.of(next), Who.SYSTEM))
                .thenRun(st -> {
                    untried.put(next.orderId(), left.subList(1, left.size()));
                    commit(st, List.of(next), Who.SYSTEM);
                })
                .thenNoReply();
    }

    /** A prepared replacement's unit was refused: the next candidate, or a new search after a restart. */
    private void tryNextCandidate(State st, Order refused) {
        List<ProposedUnit> rest = untried.remove(refused.orderId());
        searching = false;
        if (rest == null) {
            st.order(refused.replaces()).filter(Order::awaitingReplacement).ifPresent(o -> findReplacement(st, o));
        } else {
            searching = true;
            ctx.getSelf().tell(new ReplacementCandidates(refused.replaces(), rest,
                    DispatchReasons.noUnitInLimit(refused.capability())));
        }
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
                .onEvent(ProposalMade.class, (s, e) -> new State(e.facts(), e.proposal(), s.orders(), s.log(),
                        s.prepared(), s.ended())
                        .log(new TimelineEntry(e.at(), e.by(), "dispatch proposed: " + e.proposal().units().size()
                                + " unit(s) for " + e.proposal().plan(), e.proposal().shortfalls().isEmpty()
                                ? "the plan can be met" : "short: " + String.join(", ", e.proposal().shortfalls()),
                                proposedPhrase(e.proposal()), e.proposal().shortfalls().isEmpty()
                                ? List.of(PhraseCode.WHY_PLAN_MET.with()) : e.proposal().shortfallPhrases())))
                .onEvent(OrdersPrepared.class, (s, e) -> {
                    List<Order> prepared = new ArrayList<>(s.prepared());
                    prepared.addAll(e.orders());
                    return new State(s.facts(), s.proposal(), s.orders(), s.log(), List.copyOf(prepared), s.ended());
                })
                .onEvent(OrdersIssued.class, (s, e) -> {
                    List<Order> orders = new ArrayList<>(s.orders());
                    orders.addAll(e.orders());
                    Set<String> settled = new HashSet<>(e.withdrawn());
                    e.orders().forEach(o -> settled.add(o.orderId()));
                    List<Order> prepared = s.prepared().stream().filter(o -> !settled.contains(o.orderId())).toList();
                    State next = new State(s.facts(), s.proposal(), List.copyOf(orders), s.log(), prepared, s.ended());
                    for (Order o : e.orders()) {
                        next = next.log(new TimelineEntry(e.at(), e.by(), "order " + o.orderId() + ": " + o.unitId()
                                + " (" + o.unitType() + ", " + o.capability() + ") to respond, ETA "
                                + Math.round(o.etaSeconds() / 60.0) + " min" + (o.mutualAid() ? ", mutual aid" : ""),
                                o.replaces().isEmpty() ? "confirmed" : "replaces order " + o.replaces(),
                                (o.mutualAid() ? PhraseCode.ORDER_ISSUED_MUTUAL_AID : PhraseCode.ORDER_ISSUED)
                                        .with(o.orderId(), o.unitId(), o.unitType(), o.capability().name(),
                                                Math.round(o.etaSeconds() / 60.0)),
                                o.replaces().isEmpty() ? PhraseCode.WHY_CONFIRMED.with()
                                        : PhraseCode.WHY_REPLACES.with(o.replaces())));
                    }
                    if (!e.refusals().isEmpty()) {
                        next = next.log(new TimelineEntry(e.at(), e.by(), "not ordered: " + e.refusals().size()
                                + " unit(s)", String.join("; ", e.refusals()),
                                PhraseCode.NOT_ORDERED.with(e.refusals().size())));
                    }
                    return next;
                })
                .onEvent(OrderMoved.class, (s, e) -> {
                    Order o = s.order(e.orderId()).orElseThrow();
                    return s.withOrder(o.moved(e.to(), e.at(), e.deadline())).log(new TimelineEntry(e.at(), e.by(), "order " + e.orderId() + ": "
                            + o.unitId() + " " + describe(e.to()), e.why() == null ? "" : e.why(),
                            moved(e.to()).with(e.orderId(), o.unitId()), DispatchReasons.phrasesOf(e.why())));
                })
                .onEvent(DispatchEnded.class, (s, e) -> new State(s.facts(), s.proposal(), s.orders(), s.log(),
                        s.prepared(), e.why().isBlank() ? "ended" : e.why())
                        .log(new TimelineEntry(e.at(), e.by(), "dispatch ended: every unit is stood down", e.why(),
                                PhraseCode.DISPATCH_ENDED.with())))
                .onEvent(ReleaseRefused.class, (s, e) -> s.withOrder(s.order(e.orderId()).orElseThrow()
                        .overdue(RELEASE_REFUSED)).log(new TimelineEntry(e.at(), e.by(), "alert: release of order "
                        + e.orderId() + " refused", e.why(), PhraseCode.RELEASE_REFUSED.with(e.orderId()),
                        DispatchReasons.phrasesOf(e.why()))))
                .onEvent(OrderOverdue.class, (s, e) -> s.withOrder(s.order(e.orderId()).orElseThrow()
                        .overdue(e.kind().name())).log(new TimelineEntry(e.at(), Who.SYSTEM, "alert: order "
                        + e.orderId() + " overdue (" + e.kind() + ")", e.why(),
                        PhraseCode.ORDER_OVERDUE.with(e.orderId(), e.kind().name()), DispatchReasons.phrasesOf(e.why()))))
                .onEvent(ReplacementSettled.class, (s, e) -> s.withOrder(s.order(e.orderId()).orElseThrow()
                        .replacedBy(e.replacedBy())).log(new TimelineEntry(e.at(), Who.SYSTEM,
                        Order.NO_REPLACEMENT.equals(e.replacedBy())
                                ? "no next-best unit after order " + e.orderId()
                                : "next-best unit: order " + e.replacedBy() + " replaces " + e.orderId(), e.why(),
                        Order.NO_REPLACEMENT.equals(e.replacedBy()) ? PhraseCode.NO_REPLACEMENT.with(e.orderId())
                                : PhraseCode.REPLACED.with(e.replacedBy(), e.orderId()),
                        DispatchReasons.phrasesOf(e.why()))))
                .build();
    }

    private static Phrase proposedPhrase(Proposal p) {
        return p.planPhrases().stream().anyMatch(x -> x.code().equals(PhraseCode.PLAN_ITEM.code()))
                ? PhraseCode.DISPATCH_PROPOSED.with(p.units().size(), p.plan())
                : PhraseCode.DISPATCH_PROPOSED_NO_PLAN.with(p.units().size());
    }

    private static PhraseCode moved(OrderState to) {
        return switch (to) {
            case ACCEPTED -> PhraseCode.ORDER_ACCEPTED;
            case REJECTED -> PhraseCode.ORDER_REJECTED;
            case TIMED_OUT -> PhraseCode.ORDER_TIMED_OUT;
            case EN_ROUTE -> PhraseCode.ORDER_EN_ROUTE;
            case ON_SCENE -> PhraseCode.ORDER_ON_SCENE;
            case RELEASED -> PhraseCode.ORDER_RELEASED;
            case DELIVERED -> PhraseCode.ORDER_DELIVERED;
            case ISSUED -> PhraseCode.ORDER_REISSUED;
            case RELEASING -> PhraseCode.ORDER_RELEASING;
        };
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
            case RELEASING -> "stood down: release order sent";
        };
    }
}
