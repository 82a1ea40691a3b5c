package cn.emcc.command.gateway;

import cn.emcc.command.incident.Who;
import cn.emcc.command.unit.UnitActor;
import cn.emcc.command.unit.UnitDirectory;
import cn.emcc.command.unit.UnitRoster;
import cn.emcc.command.unit.UnitSnapshot;
import cn.emcc.command.workflow.DispatchActor;
import cn.emcc.command.workflow.Order;
import cn.emcc.dispatch.OrderEvent;
import cn.emcc.dispatch.Unit;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.OrderAcknowledgement;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.OrderProgress;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.UnitPosition;
import cn.emcc.protocols.v1.UnitStatusReport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Unit positions and statuses, and the agencies' answers to orders, from the
 * gateway. A unit not on the roster, or owned by another agency, is refused.
 * An AVL fix goes to this node's {@link UnitDirectory} only (kept in memory,
 * not journaled) and is acknowledged at once; a status goes to the unit's
 * {@link UnitActor} and an order answer or progress report to the incident's
 * {@link DispatchActor}, and both are acknowledged once persisted. A status
 * of a unit on an order that is progress on it (en route, on scene,
 * available = released) moves the order exactly as the progress report
 * would; the dispatch then sets the unit's status. Any other status, or a
 * unit on no order, changes only the unit.
 */
public final class UnitIntake implements Ingest.Route {

    private final ClusterSharding sharding;
    private final UnitRoster roster;
    private final JurisdictionTree tree;
    private final ActorRef<UnitDirectory.Command> directory;
    private final Duration askTimeout;
    private final Clock clock;

    public UnitIntake(ClusterSharding sharding, UnitRoster roster, JurisdictionTree tree,
                      ActorRef<UnitDirectory.Command> directory, Duration askTimeout, Clock clock) {
        this.sharding = sharding;
        this.roster = roster;
        this.tree = tree;
        this.directory = directory;
        this.askTimeout = askTimeout;
        this.clock = clock;
    }

    @Override
    public CompletionStage<GatewayFrame> handle(AgencyIdentity who, Envelope env) {
        return switch (env.getPayloadCase()) {
            case UNIT_POSITION -> position(who, env);
            case UNIT_STATUS -> status(who, env);
            case ORDER_ACKNOWLEDGEMENT -> acknowledgement(who, env);
            case ORDER_PROGRESS -> progress(who, env);
            default -> done(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_NOT_PERMITTED, "kind",
                    env.getKind() + " is not a unit or order message"));
        };
    }

    private Optional<GatewayFrame> ownUnit(AgencyIdentity who, Envelope env, String unitId, String field) {
        Optional<Unit> unit = roster.get(unitId);
        if (unit.isEmpty()) {
            return Optional.of(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE,
                    field, "unit '" + unitId + "' is not on emcc's roster"));
        }
        if (unit.get().agency() != who.agency()) {
            return Optional.of(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_NOT_PERMITTED, field,
                    "unit " + unitId + " belongs to " + unit.get().agency() + ", not " + who.agency()));
        }
        String county = unit.get().countyAdcode();
        if (who.jurisdictions().stream().noneMatch(j -> tree.contains(j, county))) {
            return Optional.of(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_NOT_PERMITTED, field,
                    who.name() + " serves " + who.jurisdictions() + "; unit " + unitId + " is stationed in " + county));
        }
        return Optional.empty();
    }

    private CompletionStage<GatewayFrame> position(AgencyIdentity who, Envelope env) {
        UnitPosition p = env.getUnitPosition();
        Optional<GatewayFrame> refused = ownUnit(who, env, p.getUnitId(), "unit_position.unit_id");
        if (refused.isPresent()) {
            return done(refused.get());
        }
        directory.tell(new UnitDirectory.PositionFix(p.getUnitId(), p.getPosition(),
                Instant.ofEpochSecond(p.getFixedAt().getSeconds(), p.getFixedAt().getNanos())));
        return done(Replies.ack(env.getMessageId(), clock.instant(), false, p.getUnitId()));
    }

    private CompletionStage<GatewayFrame> status(AgencyIdentity who, Envelope env) {
        UnitStatusReport s = env.getUnitStatus();
        Optional<GatewayFrame> refused = ownUnit(who, env, s.getUnitId(), "unit_status.unit_id");
        if (refused.isPresent()) {
            return done(refused.get());
        }
        Who by = Who.agency(who.agency().name(), env.getSender().getSystemId());
        OrderEvent progress = switch (s.getStatus()) {
            case UNIT_STATUS_EN_ROUTE -> OrderEvent.DEPART;
            case UNIT_STATUS_ON_SCENE -> OrderEvent.ARRIVE;
            case UNIT_STATUS_AVAILABLE -> OrderEvent.RELEASE;
            default -> null;
        };
        var unit = sharding.entityRefFor(UnitActor.ENTITY_TYPE_KEY, s.getUnitId());
        CompletionStage<String> onOrder = progress == null ? CompletableFuture.completedFuture("")
                : unit.<UnitSnapshot>askWithStatus(UnitActor.GetUnit::new, askTimeout).thenApply(UnitSnapshot::orderId);
        return onOrder.thenCompose(orderId -> {
            if (orderId.isEmpty() || (!s.getOrderId().isEmpty() && !s.getOrderId().equals(orderId))) {
                return unit.<UnitActor.StatusUpdated>askWithStatus(r -> new UnitActor.UpdateStatus(s.getStatus(),
                                s.getOrderId(), by, r), askTimeout)
                        .thenApply(u -> Replies.ack(env.getMessageId(), clock.instant(), u.duplicate(), s.getUnitId()));
            }
            return sharding.entityRefFor(DispatchActor.ENTITY_TYPE_KEY, Order.incidentOf(orderId))
                    .<DispatchActor.Answered>askWithStatus(r -> new DispatchActor.AgencyProgress(orderId, who.agency(),
                            progress, "unit status " + s.getStatus().name().replace("UNIT_STATUS_", ""), by, r),
                            askTimeout)
                    .thenApply(a -> Replies.ack(env.getMessageId(), clock.instant(), a.duplicate(), s.getUnitId()));
        }).exceptionally(e -> refusal(env.getMessageId(), "unit_status", e));
    }

    private CompletionStage<GatewayFrame> acknowledgement(AgencyIdentity who, Envelope env) {
        OrderAcknowledgement a = env.getOrderAcknowledgement();
        boolean accepted = a.getDecision() == OrderDecision.ORDER_DECISION_ACCEPTED;
        Who by = Who.agency(who.agency().name(), env.getSender().getSystemId());
        return toOrder(who, env, a.getOrderId(), "order_acknowledgement", r -> new DispatchActor.AgencyAnswer(
                a.getOrderId(), who.agency(), accepted, a.getReason(), by, r));
    }

    private CompletionStage<GatewayFrame> progress(AgencyIdentity who, Envelope env) {
        OrderProgress p = env.getOrderProgress();
        OrderEvent event = switch (p.getStage()) {
            case ORDER_STAGE_EN_ROUTE -> OrderEvent.DEPART;
            case ORDER_STAGE_ON_SCENE -> OrderEvent.ARRIVE;
            case ORDER_STAGE_RELEASED -> OrderEvent.RELEASE;
            default -> null;
        };
        if (event == null) {
            return done(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_UNKNOWN_ENUM,
                    "order_progress.stage", "stage " + p.getStage() + "; expected EN_ROUTE, ON_SCENE or RELEASED"));
        }
        Who by = Who.agency(who.agency().name(), env.getSender().getSystemId());
        return toOrder(who, env, p.getOrderId(), "order_progress", r -> new DispatchActor.AgencyProgress(
                p.getOrderId(), who.agency(), event, p.getRemark(), by, r));
    }

    private CompletionStage<GatewayFrame> toOrder(AgencyIdentity who, Envelope env, String orderId, String payload,
                                                  java.util.function.Function<ActorRef<StatusReply<DispatchActor.Answered>>,
                                                          DispatchActor.Command> command) {
        String incidentId = Order.incidentOf(orderId);
        String unitId = Order.unitOf(orderId);
        if (incidentId.isEmpty() || unitId.isEmpty()) {
            return done(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE,
                    payload + ".order_id", "'" + orderId + "' is not an order id emcc issued"));
        }
        Optional<GatewayFrame> refused = ownUnit(who, env, unitId, payload + ".order_id");
        if (refused.isPresent()) {
            return done(refused.get());
        }
        return sharding.entityRefFor(DispatchActor.ENTITY_TYPE_KEY, incidentId)
                .askWithStatus(command::apply, askTimeout)
                .thenApply(a -> Replies.ack(env.getMessageId(), clock.instant(), a.duplicate(), orderId))
                .exceptionally(e -> refusal(env.getMessageId(), payload, e));
    }

    private static GatewayFrame refusal(String messageId, String payload, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (!(cause instanceof StatusReply.ErrorMessage)) {
            return Replies.unavailable(messageId, cause);
        }
        String reason = cause.getMessage();
        if (reason.startsWith("unknown reference: ") || reason.contains("has no dispatch")) {
            return Replies.reject(messageId, RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE, payload + ".order_id", reason);
        }
        if (reason.startsWith("not permitted: ")) {
            return Replies.reject(messageId, RejectionCode.REJECTION_CODE_NOT_PERMITTED, payload + ".order_id", reason);
        }
        return Replies.reject(messageId, RejectionCode.REJECTION_CODE_INCONSISTENT, payload, reason);
    }

    private static CompletionStage<GatewayFrame> done(GatewayFrame f) {
        return CompletableFuture.completedFuture(f);
    }
}
