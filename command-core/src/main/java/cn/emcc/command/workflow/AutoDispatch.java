package cn.emcc.command.workflow;

import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.command.incident.Who;
import cn.emcc.protocols.v1.IncidentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What emcc does by itself as incidents move (fed the incidents' events by
 * the read side): a verified incident gets its proposal (plan +
 * recommendation), and one that the {@link AutoDispatchPolicy} covers is
 * dispatched as proposed, by emcc, with the policy as the reason; an ended
 * or merged incident's units stand down. Events older than the policy's
 * window (replayed after a restart) are left alone. A new incident gets no
 * proposal here: it is made when first asked for
 * ({@link DispatchService#getOrPropose}), so the many reports of a busy day
 * that are merged or cancelled before anyone looks cost no dispatch entity.
 */
public final class AutoDispatch {

    private static final Logger log = LoggerFactory.getLogger(AutoDispatch.class);

    private final DispatchService dispatch;
    private final AutoDispatchPolicy policy;
    private final Clock clock;

    public AutoDispatch(DispatchService dispatch, AutoDispatchPolicy policy, Clock clock) {
        this.dispatch = dispatch;
        this.policy = policy;
        this.clock = clock;
    }

    public void onEvent(IncidentActor.Event event) {
        if (event.at().isBefore(clock.instant().minus(policy.within()))) {
            return;
        }
        if (event instanceof IncidentActor.StatusChanged changed && IncidentLifecycle.isFinal(changed.to())) {
            standDown(event.incidentId(), changed.by(), "incident " + IncidentLifecycle.label(changed.to())
                    + (changed.why() == null || changed.why().isBlank() ? "" : ": " + changed.why()));
        } else if (event instanceof IncidentActor.MergedInto merged) {
            standDown(event.incidentId(), merged.by(), "incident merged into " + merged.targetId());
        } else if (event instanceof IncidentActor.StatusChanged changed
                && changed.to() == IncidentStatus.INCIDENT_STATUS_VERIFIED) {
            autoDispatch(event.incidentId()).whenComplete((ok, failure) ->
                    logFailure("auto-dispatch", event.incidentId(), failure));
        }
    }

    private void standDown(String incidentId, Who by, String why) {
        dispatch.get(incidentId)
                .handle((existing, none) -> none == null && !existing.orders().isEmpty())
                .thenCompose(has -> has ? dispatch.standDown(incidentId, by, why)
                        : CompletableFuture.<DispatchView>completedFuture(null))
                .whenComplete((ok, failure) -> logFailure("stand-down", incidentId, failure));
    }

    /**
     * Proposes afresh for the verified incident and confirms where the policy allows, unless it has orders
     * already: the verification replayed after a restart must not replace the proposal an officer has acted on.
     */
    private CompletionStage<?> autoDispatch(String incidentId) {
        return dispatch.get(incidentId)
                .handle((existing, none) -> none == null && !existing.orders().isEmpty())
                .thenCompose(ordered -> ordered ? CompletableFuture.completedFuture(null) : proposeAndConfirm(incidentId));
    }

    private CompletionStage<?> proposeAndConfirm(String incidentId) {
        return dispatch.propose(incidentId, Who.SYSTEM).<Object>thenCompose(view -> {
            IncidentFacts f = view.facts();
            if (!policy.allows(f.category(), f.grade()) || !view.orders().isEmpty() || view.proposal().units().isEmpty()) {
                return CompletableFuture.completedFuture(view);
            }
            return dispatch.confirm(incidentId, Set.of(), List.of(), Who.SYSTEM).thenApply(c -> c);
        });
    }

    private static void logFailure(String what, String incidentId, Throwable failure) {
        if (failure != null) {
            log.warn("{} for incident {} did not complete: {}", what, incidentId, failure.toString());
        }
    }
}
