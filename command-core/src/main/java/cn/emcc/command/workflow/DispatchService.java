package cn.emcc.command.workflow;

import cn.emcc.command.gateway.AgencySessions;
import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.incident.IncidentCommands;
import cn.emcc.command.incident.IncidentDetails;
import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.incident.Who;
import cn.emcc.command.unit.UnitActor;
import cn.emcc.command.unit.UnitDirectory;
import cn.emcc.command.unit.UnitRoster;
import cn.emcc.command.unit.UnitSnapshot;
import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.dispatch.PlanRequirement;
import cn.emcc.dispatch.Recommendation;
import cn.emcc.dispatch.RecommendationRequest;
import cn.emcc.dispatch.ResponsePlan;
import cn.emcc.dispatch.ResponsePlans;
import cn.emcc.dispatch.Unit;
import cn.emcc.map.travel.TravelTimeModel;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.UnitStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The dispatch workflow as the officer's HTTP routes and the dispatch
 * entities use it: propose (plan + recommendation), confirm with edits
 * (commit each unit through its {@link UnitActor}, which refuses a busy one,
 * then issue the orders), release, and the ports a {@link DispatchActor}
 * needs (next-best unit, delivery to agencies, unit updates, the incident's
 * timeline).
 */
public final class DispatchService implements DispatchPorts {

    /** Incidents in these states can have orders confirmed (a proposal only needs an open incident). */
    private static final Set<IncidentStatus> DISPATCHABLE = EnumSet.of(IncidentStatus.INCIDENT_STATUS_VERIFIED,
            IncidentStatus.INCIDENT_STATUS_DISPATCHING, IncidentStatus.INCIDENT_STATUS_RESPONDING,
            IncidentStatus.INCIDENT_STATUS_ON_SCENE, IncidentStatus.INCIDENT_STATUS_CONTROLLED);

    /**
     * A confirmation: the dispatch afterwards, the units that could not be ordered, with why, and the mutual-aid
     * requests emcc raised (or found open) for what the county cannot supply in time.
     */
    public record Confirmation(DispatchView dispatch, List<String> refused, List<AidRequests.Raised> mutualAid) {
    }

    private final ActorSystem<?> system;
    private final ClusterSharding sharding;
    private final IncidentCommands incidents;
    private final ResponsePlans plans;
    private final UnitRoster roster;
    private final ActorRef<UnitDirectory.Command> directory;
    private final TravelModels models;
    private final AgencySessions sessions;
    private final Duration timeout;
    private final Clock clock;
    private final LocalAidSettings localAid;
    private final AidRequests aid;

    public DispatchService(ActorSystem<?> system, IncidentCommands incidents, ResponsePlans plans, UnitRoster roster,
                           ActorRef<UnitDirectory.Command> directory, TravelModels models, AgencySessions sessions,
                           Duration timeout, Clock clock, LocalAidSettings localAid, AidRequests aid) {
        this.system = system;
        this.sharding = ClusterSharding.get(system);
        this.incidents = incidents;
        this.plans = plans;
        this.roster = roster;
        this.directory = directory;
        this.models = models;
        this.sessions = sessions;
        this.timeout = timeout;
        this.clock = clock;
        this.localAid = localAid;
        this.aid = aid;
    }

    private EntityRef<DispatchActor.Command> dispatch(String incidentId) {
        return sharding.entityRefFor(DispatchActor.ENTITY_TYPE_KEY, incidentId);
    }

    private EntityRef<UnitActor.Command> unit(String unitId) {
        return sharding.entityRefFor(UnitActor.ENTITY_TYPE_KEY, unitId);
    }

    // -- officer actions

    public CompletionStage<DispatchView> get(String incidentId) {
        return dispatch(incidentId).askWithStatus(DispatchActor.GetDispatch::new, timeout);
    }

    /**
     * The incident's dispatch; an open incident that nobody has asked about yet gets its first proposal now,
     * made by emcc (so the officer who opens it sees a recommendation, and the proposal they confirm is the
     * one recorded). An ended incident without a dispatch stays without one.
     */
    public CompletionStage<DispatchView> getOrPropose(String incidentId) {
        return get(incidentId).exceptionallyCompose(none -> !DispatchActor.isNoDispatchYet(none)
                ? CompletableFuture.failedStage(none)
                : propose(incidentId, Who.SYSTEM).exceptionallyCompose(failure ->
                        CompletableFuture.failedStage(unwrap(failure) instanceof IllegalStateException ? none : failure)));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Looks up the plan for the incident's category and grade and asks the recommender for units. */
    public CompletionStage<DispatchView> propose(String incidentId, Who by) {
        return incidents.get(incidentId).thenCompose(incident -> {
            if (IncidentLifecycle.isFinal(incident.status())) {
                throw new CompletionException(new IllegalStateException("incident " + incidentId + " is "
                        + IncidentLifecycle.label(incident.status()) + "; an ended incident gets no proposal"));
            }
            IncidentFacts facts = facts(incident);
            Optional<ResponsePlan> plan = plans.plan(incident.category(), incident.grade());
            CompletionStage<Set<String>> ordered = get(incidentId)
                    .thenApply(v -> v.orders().stream().map(Order::unitId).collect(Collectors.toSet()))
                    .exceptionally(e -> Set.of());
            Instant now = clock.instant();
            if (plan.isEmpty()) {
                Proposal none = new Proposal(now, "no response plan for " + incident.category()
                        + " " + incident.grade() + ": the duty officer picks units", List.of(), List.of(), List.of(),
                        List.of(PhraseCode.PLAN_NONE.with(incident.category().name(), incident.grade().name())),
                        List.of());
                return record(facts, none, by);
            }
            return ordered.thenCompose(excluded -> recommend(facts, plan.get(), excluded))
                    .thenCompose(rec -> record(facts, Proposal.of(now, plan.get().requirements(), rec), by));
        });
    }

    private CompletionStage<DispatchView> record(IncidentFacts facts, Proposal proposal, Who by) {
        return dispatch(facts.incidentId()).askWithStatus(
                r -> new DispatchActor.RecordProposal(facts, proposal, by, r), timeout);
    }

    /**
     * Orders the proposal without {@code drop}, with the units of {@code add}: the dispatch persists the orders
     * as prepared, commits each unit through its UnitActor (a busy or unknown one is refused with the reason),
     * then issues the committed ones. With emcc's mutual aid on ({@link LocalAidSettings}), every requirement
     * the incident's county cannot meet within the local ETA gets a mutual-aid request instead of the proposed
     * units of other counties ({@link LocalAidRule}); the requests are raised once the orders are placed.
     */
    public CompletionStage<Confirmation> confirm(String incidentId, Set<String> drop, List<String> add, Who by) {
        return incidents.get(incidentId).thenCompose(incident -> {
            if (!DISPATCHABLE.contains(incident.status())) {
                throw new CompletionException(new IllegalStateException("incident " + incidentId + " is "
                        + IncidentLifecycle.label(incident.status())
                        + "; dispatch needs a VERIFIED incident (or one already being dispatched), not an ended one"));
            }
            return get(incidentId);
        }).thenCompose(view -> {
            List<ProposedUnit> added = new ArrayList<>();
            for (String unitId : add) {
                Unit u = roster.get(unitId).orElseThrow(() -> new CompletionException(new IllegalArgumentException(
                        "unknown unit: " + unitId + " is not on the roster")));
                added.add(officerChoice(view.facts(), u));
            }
            return aidPlan(view, drop, added).thenCompose(plan -> plan.needs().isEmpty()
                    ? order(incidentId, drop, added, by)
                    : orderAndRaise(view, plan, by));
        });
    }

    private CompletionStage<Confirmation> order(String incidentId, Set<String> drop, List<ProposedUnit> added, Who by) {
        return dispatch(incidentId).<DispatchActor.Confirmed>askWithStatus(
                r -> new DispatchActor.ConfirmOrders(drop, added, by, r), timeout)
                .thenApply(c -> new Confirmation(c.dispatch(), c.refused(), List.of()));
    }

    /**
     * Orders what the county supplies itself, then raises the requests. When every unit is already on an
     * order here (a confirmation again, e.g. after a crash between the two), only the requests are raised:
     * raising is idempotent, so nothing is asked twice.
     */
    private CompletionStage<Confirmation> orderAndRaise(DispatchView view, AidPlan plan, Who by) {
        String incidentId = view.incidentId();
        Set<String> live = view.orders().stream().filter(Order::live).map(Order::unitId).collect(Collectors.toSet());
        boolean anythingNew = view.proposal().units().stream().filter(u -> !plan.drop().contains(u.unitId()))
                .anyMatch(u -> !live.contains(u.unitId())) || plan.add().stream().anyMatch(u -> !live.contains(u.unitId()));
        CompletionStage<Confirmation> ordered = anythingNew ? order(incidentId, plan.drop(), plan.add(), by)
                : CompletableFuture.completedFuture(new Confirmation(view, List.of(), List.of()));
        return ordered.thenCompose(c -> {
            List<CompletableFuture<AidRequests.Raised>> raising = plan.needs().stream()
                    .map(need -> aid.raise(view.facts(), need).toCompletableFuture()).toList();
            return CompletableFuture.allOf(raising.toArray(CompletableFuture[]::new)).thenApply(v ->
                    new Confirmation(c.dispatch(), c.refused(), raising.stream().map(CompletableFuture::join).toList()));
        });
    }

    /** A confirmation after the {@link LocalAidRule}: what to drop and add, and the requests to raise. */
    private record AidPlan(Set<String> drop, List<ProposedUnit> add, List<LocalAidRule.AidNeed> needs) {
    }

    private CompletionStage<AidPlan> aidPlan(DispatchView view, Set<String> drop, List<ProposedUnit> added) {
        AidPlan asAsked = new AidPlan(drop, added, List.of());
        IncidentFacts f = view.facts();
        Proposal proposal = view.proposal();
        Optional<ResponsePlan> plan = f == null ? Optional.empty() : plans.plan(f.category(), f.grade());
        if (!localAid.enabled() || proposal == null || plan.isEmpty()
                || !proposal.units().stream().map(ProposedUnit::unitId).collect(Collectors.toSet()).containsAll(drop)) {
            return CompletableFuture.completedFuture(asAsked); // a drop the proposal lacks is refused by the dispatch
        }
        LocalAidRule rule = localAid.rule();
        String county = f.countyAdcode();
        Set<String> kept = proposal.units().stream().map(ProposedUnit::unitId).filter(id -> !drop.contains(id))
                .collect(Collectors.toSet());
        Set<String> elsewhere = roster.all().stream().filter(u -> !u.countyAdcode().equals(county))
                .map(Unit::unitId).collect(Collectors.toSet());
        List<CompletableFuture<LocalAidRule.Decision>> decisions = new ArrayList<>();
        for (PlanRequirement req : plan.get().requirements()) {
            Capability capability = req.capability();
            List<ProposedUnit> ofCapability = proposal.units().stream().filter(u -> u.capability() == capability).toList();
            List<ProposedUnit> keptHere = ofCapability.stream().filter(u -> kept.contains(u.unitId())).toList();
            List<ProposedUnit> addedHere = added.stream().filter(u -> u.capability() == capability).toList();
            int count = req.count() - (ofCapability.size() - keptHere.size());
            if (rule.metByProposal(capability, count, keptHere, addedHere, county)) {
                decisions.add(CompletableFuture.completedFuture(
                        new LocalAidRule.Decision(keptHere, List.of(), Optional.empty())));
                continue;
            }
            Set<String> excluded = new java.util.HashSet<>(elsewhere);
            view.orders().forEach(o -> excluded.add(o.unitId()));
            kept.forEach(excluded::add);
            added.forEach(u -> excluded.add(u.unitId()));
            keptHere.stream().filter(u -> u.countyAdcode().equals(county)).forEach(u -> excluded.remove(u.unitId()));
            List<ProposedUnit> outside = proposal.alternates().stream()
                    .filter(u -> u.capability() == capability && !u.countyAdcode().equals(county)).toList();
            ResponsePlan one = new ResponsePlan(f.category(), f.grade(), List.of(new PlanRequirement(capability, count)));
            decisions.add(recommend(f, one, excluded).thenApply(rec -> {
                List<ProposedUnit> own = new ArrayList<>();
                rec.requirements().forEach(r -> r.proposed().forEach(c -> own.add(ProposedUnit.of(c))));
                return rule.decide(new LocalAidRule.Requirement(capability, count, keptHere, addedHere, own, outside),
                        county);
            }).toCompletableFuture());
        }
        return CompletableFuture.allOf(decisions.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Set<String> newDrop = new java.util.HashSet<>(drop);
            List<ProposedUnit> newAdd = new ArrayList<>(added);
            List<LocalAidRule.AidNeed> needs = new ArrayList<>();
            for (CompletableFuture<LocalAidRule.Decision> d : decisions) {
                LocalAidRule.Decision decision = d.join();
                decision.leftOut().forEach(u -> newDrop.add(u.unitId()));
                decision.order().stream().filter(u -> !kept.contains(u.unitId())).forEach(newAdd::add);
                decision.aid().ifPresent(needs::add);
            }
            return needs.isEmpty() ? asAsked : new AidPlan(Set.copyOf(newDrop), List.copyOf(newAdd), List.copyOf(needs));
        });
    }

    /**
     * Orders units committed by another jurisdiction for mutual aid request {@code requestId}: each takes
     * {@code capability}, is flagged mutual aid, and goes the way of any order (prepared, committed, issued).
     */
    public CompletionStage<DispatchActor.Confirmed> orderMutualAid(String incidentId, String requestId,
                                                                   List<String> unitIds, Capability capability, Who by) {
        return get(incidentId).thenCompose(view -> {
            List<ProposedUnit> units = new ArrayList<>();
            for (String unitId : unitIds) {
                Unit u = roster.get(unitId).orElseThrow(() -> new CompletionException(new IllegalArgumentException(
                        "unknown unit: " + unitId + " is not on the roster")));
                double eta = models.base().estimate(u.position(), point(view.facts()), u.unitType().vehicleClass())
                        .map(e -> e.seconds()).orElse(0.0);
                units.add(new ProposedUnit(u.unitId(), u.agency(), u.unitType().name(), capability, u.countyAdcode(),
                        Math.round(eta * 10) / 10.0, "MUTUAL_AID", true, "mutual aid request " + requestId
                        + ": committed by " + by.jurisdiction(),
                        PhraseCode.REASON_MUTUAL_AID_COMMITTED.with(requestId, by.jurisdiction())));
            }
            return dispatch(incidentId).<DispatchActor.Confirmed>askWithStatus(
                    r -> new DispatchActor.OrderMutualAid(requestId, units, by, r), timeout);
        });
    }

    /**
     * Candidates for a mutual-aid request: units with {@code capability} that {@code eligible} accepts (and
     * not on one of the incident's orders), ranked for the incident by the recommender: the best {@code count}
     * and the next best after them.
     */
    public CompletionStage<AidOffer> aidCandidates(String incidentId, Capability capability, int count,
                                                   java.util.function.Predicate<Unit> eligible) {
        return get(incidentId).thenCompose(view -> {
            Set<String> excluded = roster.all().stream().filter(u -> !eligible.test(u)).map(Unit::unitId)
                    .collect(Collectors.toSet());
            view.orders().forEach(o -> excluded.add(o.unitId()));
            ResponsePlan plan = new ResponsePlan(view.facts().category(), view.facts().grade(),
                    List.of(new PlanRequirement(capability, count)));
            return recommend(view.facts(), plan, excluded).thenApply(rec -> {
                List<ProposedUnit> units = new ArrayList<>();
                List<ProposedUnit> alternates = new ArrayList<>();
                rec.requirements().forEach(r -> {
                    r.proposed().forEach(c -> units.add(ProposedUnit.of(c)));
                    r.alternates().forEach(c -> alternates.add(ProposedUnit.of(c)));
                });
                return new AidOffer(units, alternates);
            });
        });
    }

    /** The incident ended: every unit still on one of its orders is stood down (release orders to agencies). */
    public CompletionStage<DispatchView> standDown(String incidentId, Who by, String why) {
        return dispatch(incidentId).askWithStatus(r -> new DispatchActor.StandDown(by, why, r), timeout);
    }

    public CompletionStage<DispatchView> release(String incidentId, String unitId, Who by, String why) {
        return dispatch(incidentId).askWithStatus(r -> new DispatchActor.ReleaseUnit(unitId, by, why, r), timeout);
    }

    public CompletionStage<UnitSnapshot> unitSnapshot(String unitId) {
        return unit(unitId).askWithStatus(UnitActor.GetUnit::new, timeout);
    }

    private ProposedUnit officerChoice(IncidentFacts facts, Unit u) {
        Capability capability = plans.plan(facts.category(), facts.grade())
                .flatMap(p -> p.requirements().stream().map(PlanRequirement::capability)
                        .filter(u.capabilities()::contains).findFirst())
                .orElseGet(() -> u.capabilities().iterator().next());
        double eta = models.base().estimate(u.position(), point(facts), u.unitType().vehicleClass())
                .map(e -> e.seconds()).orElse(0.0);
        boolean mutualAid = !u.countyAdcode().equals(facts.countyAdcode());
        return new ProposedUnit(u.unitId(), u.agency(), u.unitType().name(), capability, u.countyAdcode(),
                Math.round(eta * 10) / 10.0, mutualAid ? "OFFICER_CHOICE_MUTUAL_AID" : "OFFICER_CHOICE", mutualAid,
                "added by the duty officer", PhraseCode.REASON_OFFICER_ADDED.with());
    }

    // -- ports of the dispatch entity

    @Override
    public CompletionStage<List<ProposedUnit>> candidates(IncidentFacts facts, Capability capability,
                                                          Set<String> excludedUnitIds) {
        ResponsePlan one = new ResponsePlan(facts.category(), facts.grade(), List.of(new PlanRequirement(capability, 1)));
        return recommend(facts, one, excludedUnitIds).thenApply(rec -> {
            List<ProposedUnit> candidates = new ArrayList<>();
            rec.requirements().forEach(r -> {
                r.proposed().forEach(c -> candidates.add(ProposedUnit.of(c)));
                r.alternates().forEach(c -> candidates.add(ProposedUnit.of(c)));
            });
            return candidates;
        });
    }

    @Override
    public CompletionStage<Optional<String>> commit(String incidentId, Order order, Who by) {
        return unit(order.unitId()).<UnitSnapshot>askWithStatus(
                        r -> new UnitActor.Assign(order.orderId(), incidentId, by, r), timeout)
                .handle((ok, e) -> {
                    if (e == null) {
                        return Optional.<String>empty();
                    }
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof StatusReply.ErrorMessage) {
                        return Optional.of(cause.getMessage());
                    }
                    throw new CompletionException(cause); // no answer: the unit may or may not be committed
                });
    }

    @Override
    public void deliver(IncidentFacts facts, Order order) {
        sessions.offer(order.orderId(), order.agency(), order.countyAdcode(), OrderEnvelopes.of(facts, order));
    }

    @Override
    public void deliverRelease(IncidentFacts facts, Order order) {
        sessions.offer(Order.releaseOrderId(order.orderId()), order.agency(), order.countyAdcode(),
                OrderEnvelopes.release(facts, order));
    }

    @Override
    public void settle(String orderId) {
        sessions.settle(orderId);
    }

    @Override
    public CompletionStage<Done> releaseUnit(String unitId, String orderId, Who by, String why) {
        return unit(unitId).<UnitSnapshot>askWithStatus(r -> new UnitActor.Release(orderId, by, why, r), timeout)
                .thenApply(u -> Done.getInstance());
    }

    @Override
    public CompletionStage<Done> unitStatus(String unitId, UnitStatus status, String orderId, Who by) {
        return unit(unitId).<UnitActor.StatusUpdated>askWithStatus(
                r -> new UnitActor.UpdateStatus(status, orderId, by, r), timeout).thenApply(u -> Done.getInstance());
    }

    @Override
    public CompletionStage<Done> recordOnIncident(String incidentId, List<TimelineEntry> entries,
                                                  IncidentStatus advanceTo) {
        return sharding.entityRefFor(IncidentActor.ENTITY_TYPE_KEY, incidentId)
                .ask(r -> new IncidentActor.RecordDispatchSteps(entries, advanceTo, r), timeout);
    }

    // -- helpers

    private CompletionStage<Recommendation> recommend(IncidentFacts facts, ResponsePlan plan, Set<String> excluded) {
        RecommendationRequest request = new RecommendationRequest(facts.incidentId(), point(facts),
                facts.countyAdcode(), plan, excluded);
        return models.at(clock.instant()).thenCompose(model -> AskPattern.<UnitDirectory.Command, UnitDirectory.Recommended>ask(
                        directory, r -> new UnitDirectory.Recommend(request, model, r), timeout, system.scheduler()))
                .thenApply(UnitDirectory.Recommended::recommendation);
    }

    private static GeoPoint point(IncidentFacts f) {
        return GeoPoint.newBuilder().setLongitude(f.longitude()).setLatitude(f.latitude()).build();
    }

    static IncidentFacts facts(IncidentDetails d) {
        return new IncidentFacts(d.incidentId(), d.category(), d.grade(), d.position().longitude(),
                d.position().latitude(), d.address(), d.countyAdcode(), d.cityAdcode());
    }

    static String reason(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return String.valueOf(cause.getMessage());
    }
}
