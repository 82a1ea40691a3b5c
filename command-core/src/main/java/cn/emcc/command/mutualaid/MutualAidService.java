package cn.emcc.command.mutualaid;

import cn.emcc.command.incident.IncidentCommands;
import cn.emcc.command.incident.IncidentDetails;
import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.incident.Who;
import cn.emcc.command.unit.UnitRoster;
import cn.emcc.command.workflow.AidOffer;
import cn.emcc.command.workflow.AidRequests;
import cn.emcc.command.workflow.DispatchService;
import cn.emcc.command.workflow.IncidentFacts;
import cn.emcc.command.workflow.LocalAidRule;
import cn.emcc.command.workflow.ProposedUnit;
import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.MutualAidState;
import cn.emcc.dispatch.Unit;
import cn.emcc.dispatch.UnitType;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.jurisdiction.Tier;
import cn.emcc.protocols.v1.IncidentStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Mutual aid between command nodes as officers use it. Where a request
 * goes: to the incident's <b>city</b> node by default (units of the other
 * counties of the same city), or to the <b>province</b> node when the
 * requester asks for it (units of other cities); the requesting officer must
 * be a duty officer of the incident's county. An officer of the addressed
 * node approves (naming units, or accepting the recommendation for the
 * incident among the units it may supply) or declines with a reason; the
 * requester (or the supplier) releases. Every input is checked here, before
 * anything changes, with the field at fault; the entity checks the cycle.
 * Also the {@link MutualAidPorts} of the entity: orders and stand-downs on
 * the incident's dispatch, the incident's timeline.
 */
public final class MutualAidService implements MutualAidPorts, AidRequests {

    /** Where a request is addressed. */
    public enum Scope { CITY, PROVINCE }

    /** What a requesting officer asks for. {@code unitType} may be empty; {@code capability} may be null when it is not. */
    public record Ask(Capability capability, String unitType, int count, String note, Scope scope) {
    }

    public static final int MAX_COUNT = 50;

    private final ClusterSharding sharding;
    private final IncidentCommands incidents;
    private final DispatchService dispatch;
    private final UnitRoster roster;
    private final JurisdictionTree tree;
    private final MutualAidBoard board;
    private final Duration timeout;

    public MutualAidService(ActorSystem<?> system, IncidentCommands incidents, DispatchService dispatch,
                            UnitRoster roster, JurisdictionTree tree, MutualAidBoard board, Duration timeout) {
        this.sharding = ClusterSharding.get(system);
        this.incidents = incidents;
        this.dispatch = dispatch;
        this.roster = roster;
        this.tree = tree;
        this.board = board;
        this.timeout = timeout;
    }

    private EntityRef<MutualAidActor.Command> entity(String requestId) {
        return sharding.entityRefFor(MutualAidActor.ENTITY_TYPE_KEY, requestId);
    }

    // -- officer actions

    public CompletionStage<MutualAidView> request(String incidentId, Who by, Ask ask) {
        Capability capability = capabilityOf(ask);
        if (ask.count() < 1 || ask.count() > MAX_COUNT) {
            throw bad("count", "count " + ask.count() + "; expected 1.." + MAX_COUNT);
        }
        if (ask.note() == null || ask.note().isBlank() || ask.note().length() > 500) {
            throw bad("note", "a note of 1..500 characters saying what the units are for is required");
        }
        return incidents.get(incidentId).thenCompose(incident -> {
            if (!by.jurisdiction().equals(incident.countyAdcode())) {
                throw refuse(MutualAidRefusal.Kind.NOT_PERMITTED, "officer", "officer " + by.id() + "@"
                        + by.jurisdiction() + " may not request mutual aid for incident " + incidentId
                        + "; expected a duty officer of its county " + incident.countyAdcode());
            }
            if (IncidentLifecycle.isFinal(incident.status())) {
                throw refuse(MutualAidRefusal.Kind.CONFLICT, "", "incident " + incidentId + " is "
                        + IncidentLifecycle.label(incident.status()) + "; an ended incident gets no mutual aid");
            }
            String providing = ask.scope() == Scope.PROVINCE ? provinceOf(incident.countyAdcode()) : incident.cityAdcode();
            return dispatch.get(incidentId).exceptionally(e -> {
                throw refuse(MutualAidRefusal.Kind.CONFLICT, "", "incident " + incidentId
                        + " has no dispatch yet; ask for a proposal first (POST .../dispatch/proposal)");
            }).thenCompose(view -> {
                String requestId = "MA-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                // an officer's own words: no phrase
                return entity(requestId).<MutualAidView>askWithStatus(r -> new MutualAidActor.Raise(incidentId,
                        incident.countyAdcode(), providing, capability, ask.unitType(), ask.count(), ask.note(), null,
                        by, r), timeout);
            });
        });
    }

    /**
     * Raises, as emcc, the request a confirmation found missing ({@link LocalAidRule}), or answers the open one
     * already raised for the incident and capability. The ids are derived from the incident, the capability
     * and a round number (round n+1 only once round n is declined or released), so two confirmations at once,
     * a confirmation again or one after a restart land on the same entity and raise nothing twice.
     */
    @Override
    public CompletionStage<Raised> raise(IncidentFacts facts, LocalAidRule.AidNeed need) {
        String providing = need.scope() == LocalAidRule.Scope.PROVINCE ? provinceOf(facts.countyAdcode())
                : facts.cityAdcode();
        return raiseRound(facts, need, providing, 1).thenApply(v -> new Raised(v.requestId(), v.capability(),
                v.count(), v.providingAdcode(), v.state().name(), v.note(), v.notePhrase()));
    }

    /** Rounds beyond this many finished requests for one incident and capability are refused: a runaway loop. */
    private static final int MAX_ROUNDS = 100;

    private CompletionStage<MutualAidView> raiseRound(IncidentFacts facts, LocalAidRule.AidNeed need,
                                                      String providing, int round) {
        if (round > MAX_ROUNDS) {
            throw refuse(MutualAidRefusal.Kind.CONFLICT, "", "incident " + facts.incidentId() + " already had "
                    + MAX_ROUNDS + " mutual aid requests for " + need.capability() + "; ask by hand");
        }
        String requestId = raisedId(facts.incidentId(), need.capability(), round);
        return entity(requestId).<MutualAidView>askWithStatus(MutualAidActor.Get::new, timeout)
                .handle((existing, none) -> existing)
                .thenCompose(existing -> {
                    if (existing != null && existing.state().isFinal()) {
                        return raiseRound(facts, need, providing, round + 1);
                    }
                    return existing != null ? CompletableFuture.completedFuture(existing)
                            : entity(requestId).<MutualAidView>askWithStatus(r -> new MutualAidActor.Raise(
                                    facts.incidentId(), facts.countyAdcode(), providing, need.capability(), "",
                                    need.count(), need.note(), need.notePhrase(), Who.SYSTEM, r), timeout);
                });
    }

    /** The id of emcc's {@code round}-th request for the incident and capability: "MA-" and 12 hex digits. */
    static String raisedId(String incidentId, Capability capability, int round) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (incidentId + "|" + capability.name() + "|" + round).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "MA-" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public CompletionStage<MutualAidView> get(String requestId) {
        return entity(requestId).askWithStatus(MutualAidActor.Get::new, timeout)
                .exceptionally(e -> {
                    throw asRefusal(e);
                });
    }

    /**
     * The units the addressed node could send for a REQUESTED request, for an officer of that node to pick
     * from: what an approval naming no units would commit, and the next best.
     */
    public CompletionStage<AidOffer> candidates(String requestId, Who by) {
        return get(requestId).thenCompose(r -> {
            supplierOnly(r, by, "see the units offered for");
            stillRequested(r, "offered units");
            return dispatch.aidCandidates(r.incidentId(), r.capability(), r.count(), eligible(r));
        }).exceptionally(e -> {
            throw asRefusal(e);
        });
    }

    /**
     * Every request for the incident, finished ones too, oldest first, each as its entity holds it (the
     * board only says which there are). 404 when there is no such incident.
     */
    public CompletionStage<List<MutualAidView>> forIncident(String incidentId) {
        return incidents.find(incidentId).thenCompose(found -> {
            if (found.isEmpty()) {
                throw refuse(MutualAidRefusal.Kind.NOT_FOUND, "id", "no incident '" + incidentId + "'");
            }
            List<CompletableFuture<MutualAidView>> views = board.ofIncident(incidentId).stream()
                    .map(l -> get(l.request().requestId()).toCompletableFuture()).toList();
            return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                    .thenApply(v -> views.stream().map(CompletableFuture::join).toList());
        }).exceptionally(e -> {
            throw asRefusal(e);
        });
    }

    /** The open requests addressed to the command node {@code adcode}. */
    public List<MutualAidBoard.Listed> openFor(String adcode) {
        if (tree.get(adcode).isEmpty()) {
            throw refuse(MutualAidRefusal.Kind.NOT_FOUND, "adcode", "no jurisdiction " + adcode);
        }
        return board.openFor(adcode);
    }

    /**
     * The addressed node commits units: {@code unitIds}, or (empty) the recommended units among those it may
     * supply. Answered once their orders are placed on the incident.
     */
    public CompletionStage<MutualAidView> approve(String requestId, Who by, List<String> unitIds) {
        return get(requestId).thenCompose(r -> {
            supplierOnly(r, by, "approve");
            stillRequested(r, "approved");
            Predicate<Unit> eligible = eligible(r);
            CompletionStage<List<String>> chosen;
            if (unitIds.isEmpty()) {
                chosen = dispatch.aidCandidates(r.incidentId(), r.capability(), r.count(), eligible)
                        .thenApply(offer -> {
                            if (offer.units().isEmpty()) {
                                throw refuse(MutualAidRefusal.Kind.CONFLICT, "units", "no available unit with "
                                        + r.capability() + " in " + r.providingAdcode()
                                        + " can reach the incident; name units, or decline the request");
                            }
                            return offer.units().stream().map(ProposedUnit::unitId).toList();
                        });
            } else {
                if (unitIds.size() > r.count()) {
                    throw bad("units", unitIds.size() + " units named; request " + requestId + " asks for at most "
                            + r.count());
                }
                for (String id : unitIds) {
                    Unit u = roster.get(id).orElseThrow(() -> bad("units", "unit " + id + " is not on the roster"));
                    if (!eligible.test(u)) {
                        throw bad("units", "unit " + id + " (" + u.unitType() + ", county " + u.countyAdcode()
                                + ") cannot serve request " + requestId + ": expected a unit with " + r.capability()
                                + (r.unitType().isEmpty() ? "" : " of type " + r.unitType()) + " " + supplyArea(r));
                    }
                }
                chosen = CompletableFuture.completedFuture(List.copyOf(unitIds));
            }
            return chosen.thenCompose(units -> entity(requestId).<MutualAidView>askWithStatus(
                    ref -> new MutualAidActor.Commit(units, by, ref), timeout.multipliedBy(3)));
        }).exceptionally(e -> {
            throw asRefusal(e);
        });
    }

    public CompletionStage<MutualAidView> decline(String requestId, Who by, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw bad("reason", "a reason of 1..500 characters is required to decline");
        }
        return get(requestId).thenCompose(r -> {
            supplierOnly(r, by, "decline");
            return entity(requestId).<MutualAidView>askWithStatus(ref -> new MutualAidActor.Decline(reason, by, ref),
                    timeout);
        }).exceptionally(e -> {
            throw asRefusal(e);
        });
    }

    public CompletionStage<MutualAidView> release(String requestId, Who by, String why) {
        if (why == null || why.isBlank() || why.length() > 500) {
            throw bad("why", "a reason of 1..500 characters is required to release");
        }
        return get(requestId).thenCompose(r -> {
            if (!by.jurisdiction().equals(r.requestingAdcode()) && !by.jurisdiction().equals(r.providingAdcode())) {
                throw refuse(MutualAidRefusal.Kind.NOT_PERMITTED, "officer", "officer " + by.id() + "@"
                        + by.jurisdiction() + " may not release request " + requestId + "; expected an officer of "
                        + r.requestingAdcode() + " or " + r.providingAdcode());
            }
            return entity(requestId).<MutualAidView>askWithStatus(ref -> new MutualAidActor.Release(why, by, ref),
                    timeout.multipliedBy(3));
        }).exceptionally(e -> {
            throw asRefusal(e);
        });
    }

    // -- ports of the entity

    @Override
    public CompletionStage<Placed> order(MutualAidView request, Who approvedBy) {
        return dispatch.orderMutualAid(request.incidentId(), request.requestId(), request.committedUnitIds(),
                        request.capability(), approvedBy == null ? Who.SYSTEM : approvedBy)
                .thenApply(c -> new Placed(c.dispatch().orders().stream()
                        .filter(o -> request.committedUnitIds().contains(o.unitId()) && o.mutualAid())
                        .map(o -> o.orderId()).toList(), c.refused()));
    }

    @Override
    public CompletionStage<Done> standDown(MutualAidView request, String why) {
        List<CompletableFuture<Object>> all = new ArrayList<>();
        for (String unitId : request.committedUnitIds()) {
            all.add(dispatch.release(request.incidentId(), unitId, Who.SYSTEM, why)
                    .<Object>thenApply(v -> v)
                    .exceptionally(e -> {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        if (cause instanceof StatusReply.ErrorMessage) {
                            return cause.getMessage(); // already released, or never ordered: nothing to stand down
                        }
                        throw new CompletionException(cause);
                    })
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> Done.getInstance());
    }

    @Override
    public CompletionStage<Done> recordOnIncident(String incidentId, List<TimelineEntry> entries) {
        return dispatch.recordOnIncident(incidentId, entries, IncidentStatus.INCIDENT_STATUS_UNSPECIFIED);
    }

    // -- helpers

    private Capability capabilityOf(Ask ask) {
        UnitType type = null;
        if (!ask.unitType().isEmpty()) {
            try {
                type = UnitType.valueOf(ask.unitType());
            } catch (IllegalArgumentException e) {
                throw bad("unitType", "unknown unit type '" + ask.unitType() + "'; expected one of "
                        + List.of(UnitType.values()));
            }
        }
        if (ask.capability() == null && type == null) {
            throw bad("capability", "a capability (or a unitType) is required; capabilities: "
                    + List.of(Capability.values()));
        }
        if (ask.capability() == null) {
            return type.capabilities().iterator().next();
        }
        if (type != null && !type.capabilities().contains(ask.capability())) {
            throw bad("unitType", "unit type " + type + " does not offer " + ask.capability() + "; it offers "
                    + type.capabilities());
        }
        return ask.capability();
    }

    /** Parses a capability name as the HTTP edge receives it (null when absent). */
    public static Capability parseCapability(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Capability.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("capability", "unknown capability '" + text + "'; expected one of " + List.of(Capability.values()));
        }
    }

    /** Units the addressed node may supply: its own, not the requesting county's (or city's), of the right kind. */
    private Predicate<Unit> eligible(MutualAidView r) {
        boolean province = tree.get(r.providingAdcode()).map(j -> j.tier() == Tier.PROVINCE).orElse(false);
        String requestingCity = tree.ancestorsAndSelf(r.requestingAdcode()).stream()
                .filter(j -> j.tier() == Tier.CITY).map(Jurisdiction::adcode).findFirst().orElse("");
        return u -> u.capabilities().contains(r.capability())
                && (r.unitType().isEmpty() || u.unitType().name().equals(r.unitType()))
                && (province ? !u.cityAdcode().equals(requestingCity)
                : u.cityAdcode().equals(r.providingAdcode()) && !u.countyAdcode().equals(r.requestingAdcode()));
    }

    private String supplyArea(MutualAidView r) {
        return tree.get(r.providingAdcode()).map(j -> j.tier() == Tier.PROVINCE).orElse(false)
                ? "stationed in another city than the requesting county's"
                : "stationed in city " + r.providingAdcode() + " outside the requesting county " + r.requestingAdcode();
    }

    private void supplierOnly(MutualAidView r, Who by, String action) {
        if (!by.jurisdiction().equals(r.providingAdcode())) {
            throw refuse(MutualAidRefusal.Kind.NOT_PERMITTED, "officer", "officer " + by.id() + "@"
                    + by.jurisdiction() + " may not " + action + " request " + r.requestId()
                    + "; it is addressed to command node " + r.providingAdcode());
        }
    }

    private static void stillRequested(MutualAidView r, String what) {
        if (r.state() != MutualAidState.REQUESTED) {
            throw refuse(MutualAidRefusal.Kind.CONFLICT, "", "request " + r.requestId() + " is " + r.state()
                    + "; only a REQUESTED request can be " + what);
        }
    }

    private String provinceOf(String countyAdcode) {
        List<Jurisdiction> chain = tree.ancestorsAndSelf(countyAdcode);
        return chain.stream().filter(j -> j.tier() == Tier.PROVINCE).map(Jurisdiction::adcode)
                .findFirst().orElseThrow(() -> new IllegalStateException("county " + countyAdcode + " has no province"));
    }

    private static MutualAidRefusal bad(String field, String reason) {
        return new MutualAidRefusal(MutualAidRefusal.Kind.BAD_INPUT, field, reason);
    }

    private static MutualAidRefusal refuse(MutualAidRefusal.Kind kind, String field, String reason) {
        return new MutualAidRefusal(kind, field, reason);
    }

    /** A failure of an ask as a refusal: the entity's reasons become conflicts, an unknown id not found. */
    static RuntimeException asRefusal(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof MutualAidRefusal r) {
            return r;
        }
        if (cause instanceof StatusReply.ErrorMessage) {
            String message = cause.getMessage();
            return message.contains("does not exist")
                    ? refuse(MutualAidRefusal.Kind.NOT_FOUND, "requestId", message)
                    : refuse(MutualAidRefusal.Kind.CONFLICT, "", message);
        }
        return cause instanceof RuntimeException re ? re : new CompletionException(cause);
    }
}
