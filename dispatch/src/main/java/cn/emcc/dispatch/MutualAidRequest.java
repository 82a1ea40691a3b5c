package cn.emcc.dispatch;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A request for mutual aid (跨区支援), modelled on the OASIS EDXL-RM cycle:
 * the jurisdiction leading an incident asks another for units of one
 * capability (REQUESTED); the provider commits named units (COMMITTED) or
 * declines (DECLINED); the requester releases them when done (RELEASED).
 * Immutable: each step returns a new value, or a refusal with a reason.
 *
 * @param requestingAdcode the county (or city) whose incident needs help
 * @param providingAdcode  the county or city asked to provide it
 * @param committedUnitIds empty until committed; at most {@code count} distinct ids
 */
public record MutualAidRequest(String requestId, String incidentId, String requestingAdcode, String providingAdcode,
                               Capability capability, int count, Instant requestedAt, MutualAidState state,
                               List<String> committedUnitIds, Instant changedAt, String remark) {

    /** A step of the cycle: the new request, or why it was refused. */
    public sealed interface Step {
        record Done(MutualAidRequest request) implements Step {
        }

        record Refused(MutualAidRequest request, String reason) implements Step {
        }
    }

    public MutualAidRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(requestingAdcode, "requestingAdcode");
        Objects.requireNonNull(providingAdcode, "providingAdcode");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(changedAt, "changedAt");
        committedUnitIds = List.copyOf(committedUnitIds);
        remark = remark == null ? "" : remark;
        if (count < 1) {
            throw new IllegalArgumentException("count " + count + " of request " + requestId + ": expected at least 1");
        }
        if (requestingAdcode.equals(providingAdcode)) {
            throw new IllegalArgumentException("request " + requestId + " asks " + providingAdcode
                    + " for aid to itself; expected another jurisdiction");
        }
    }

    public static MutualAidRequest request(String requestId, String incidentId, String requestingAdcode,
                                           String providingAdcode, Capability capability, int count, Instant at) {
        return new MutualAidRequest(requestId, incidentId, requestingAdcode, providingAdcode, capability, count, at,
                MutualAidState.REQUESTED, List.of(), at, "");
    }

    /** The provider names the units it sends: between 1 and {@code count} distinct ids. */
    public Step commit(List<String> unitIds, Instant at) {
        if (state != MutualAidState.REQUESTED) {
            return refused("commit", "only a REQUESTED request can be committed");
        }
        if (unitIds.isEmpty() || unitIds.size() > count || new HashSet<>(unitIds).size() != unitIds.size()) {
            return new Step.Refused(this, "commit of request " + requestId + " names " + unitIds
                    + "; expected 1.." + count + " distinct unit ids");
        }
        return new Step.Done(with(MutualAidState.COMMITTED, unitIds, at, ""));
    }

    public Step decline(String reason, Instant at) {
        if (state != MutualAidState.REQUESTED) {
            return refused("decline", "only a REQUESTED request can be declined");
        }
        return new Step.Done(with(MutualAidState.DECLINED, List.of(), at, reason));
    }

    public Step release(Instant at) {
        if (state != MutualAidState.COMMITTED) {
            return refused("release", "only COMMITTED units can be released");
        }
        return new Step.Done(with(MutualAidState.RELEASED, committedUnitIds, at, ""));
    }

    /** How many of the requested units the provider did not commit (to ask elsewhere). */
    public int shortfall() {
        return state == MutualAidState.COMMITTED ? count - committedUnitIds.size() : count;
    }

    private Step refused(String action, String rule) {
        return new Step.Refused(this, action + " of request " + requestId + " refused: it is " + state + "; " + rule);
    }

    private MutualAidRequest with(MutualAidState newState, List<String> units, Instant at, String newRemark) {
        return new MutualAidRequest(requestId, incidentId, requestingAdcode, providingAdcode, capability, count,
                requestedAt, newState, units, at, newRemark);
    }
}
