package cn.emcc.command.workflow;

import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.JurisdictionTier;
import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a confirmation needs mutual aid: for one plan requirement, whether the
 * incident's own county can supply it within the local ETA threshold
 * ({@code emcc.dispatch.mutual-aid.local-eta}), and if not, which units are
 * ordered directly, which proposed units of other counties are left to the
 * request's approval, and what the request asks for, of whom, and why.
 * <p>
 * The rule: the units the officer added count as supplied; then the county's
 * own units that arrive within the threshold, best first. Whatever is still
 * missing is asked for. When nothing is missing the proposal is ordered as it
 * stands (an outside unit the recommender ranked first, because it arrives
 * more than its tier's penalty sooner, is still ordered directly). When
 * something is missing, the proposed units of other counties are left out:
 * the approval of the request commits units of another jurisdiction. The
 * county's own units are ordered in any case, also those slower than the
 * threshold: they need nobody's approval and cover the time until the aid
 * arrives (or a decline).
 */
public final class LocalAidRule {

    /** Where a request is addressed: the incident's city node, or the province node. */
    public enum Scope { CITY, PROVINCE }

    /**
     * A mutual-aid request to raise: {@code count} units with {@code capability}, and why: {@code note} in
     * English for the agencies, the API and the log, {@code notePhrase} the same for the console.
     */
    public record AidNeed(Capability capability, int count, Scope scope, String note, Phrase notePhrase) {
    }

    /** Why a request is raised, in English and as a phrase. */
    private record Why(String text, Phrase phrase) {
    }

    /**
     * One requirement of a confirmation as the rule sees it.
     *
     * @param count          the plan's count less the proposed units of this capability the officer dropped
     * @param kept           the proposed units of this capability the officer kept, best first
     * @param added          units the officer added that take this capability
     * @param ownCounty      the incident county's available units with this capability, best (soonest) first;
     *                       need only hold the first {@code count} of them
     * @param outsideOptions the proposal's alternates of other counties for this capability, best first
     */
    public record Requirement(Capability capability, int count, List<ProposedUnit> kept, List<ProposedUnit> added,
                              List<ProposedUnit> ownCounty, List<ProposedUnit> outsideOptions) {
        public Requirement {
            kept = List.copyOf(kept);
            added = List.copyOf(added);
            ownCounty = List.copyOf(ownCounty);
            outsideOptions = List.copyOf(outsideOptions);
        }
    }

    /**
     * What the rule decided for one requirement.
     *
     * @param order   the units of the proposal (or the county's own units) to order directly
     * @param leftOut proposed units of other counties that the request's approval replaces
     * @param aid     the request to raise, when the county cannot meet the requirement in time
     */
    public record Decision(List<ProposedUnit> order, List<ProposedUnit> leftOut, Optional<AidNeed> aid) {
    }

    private final Duration localEta;

    public LocalAidRule(Duration localEta) {
        if (localEta == null || localEta.isNegative() || localEta.isZero()) {
            throw new IllegalArgumentException("localEta " + localEta + ": expected a positive duration");
        }
        this.localEta = localEta;
    }

    /** Whether the kept units alone meet the requirement in time, so the county's own need not be looked up. */
    public boolean metByProposal(Capability capability, int count, List<ProposedUnit> kept, List<ProposedUnit> added,
                                 String countyAdcode) {
        long inTime = kept.stream().filter(u -> u.countyAdcode().equals(countyAdcode) && inTime(u)).count();
        return count - added.size() - inTime <= 0;
    }

    public Decision decide(Requirement r, String countyAdcode) {
        int wanted = r.count() - r.added().size();
        List<ProposedUnit> ownInTime = r.ownCounty().stream().filter(this::inTime).limit(Math.max(wanted, 0)).toList();
        int missing = wanted - ownInTime.size();
        if (missing <= 0) {
            return new Decision(r.kept(), List.of(), Optional.empty());
        }
        Map<String, ProposedUnit> order = new LinkedHashMap<>();
        List<ProposedUnit> leftOut = new ArrayList<>();
        for (ProposedUnit u : r.kept()) {
            if (u.countyAdcode().equals(countyAdcode)) {
                order.put(u.unitId(), u);
            } else {
                leftOut.add(u);
            }
        }
        ownInTime.forEach(u -> order.putIfAbsent(u.unitId(), u));
        Scope scope = leftOut.stream().findFirst().or(() -> r.outsideOptions().stream().findFirst())
                .map(u -> JurisdictionTier.OTHER_CITY.name().equals(u.tier()) ? Scope.PROVINCE : Scope.CITY)
                .orElse(Scope.CITY);
        Why why = why(r, ownInTime, missing);
        return new Decision(List.copyOf(order.values()), List.copyOf(leftOut),
                Optional.of(new AidNeed(r.capability(), missing, scope, why.text(), why.phrase())));
    }

    private boolean inTime(ProposedUnit u) {
        return u.etaSeconds() <= localEta.toSeconds();
    }

    private Why why(Requirement r, List<ProposedUnit> ownInTime, int missing) {
        Capability c = r.capability();
        String head = c + " ×" + missing + ": ";
        Optional<ProposedUnit> nextOwn = r.ownCounty().stream().filter(u -> !inTime(u)).findFirst();
        String limit = localEta.toSeconds() % 60 == 0 ? localEta.toMinutes() + " min" : localEta.toSeconds() + " s";
        long limitSeconds = localEta.toSeconds();
        int own = ownInTime.size();
        if (own == 0 && nextOwn.isPresent()) {
            long eta = minutes(nextOwn.get().etaSeconds());
            return new Why(head + "best own-county ETA " + eta + " min > " + limit,
                    PhraseCode.AID_WHY_OWN_TOO_LATE.with(c.name(), missing, eta, limitSeconds));
        }
        if (own == 0) {
            return new Why(head + "no own-county unit available", PhraseCode.AID_WHY_NO_OWN.with(c.name(), missing));
        }
        String inTime = head + "only " + own + " own-county unit" + (own == 1 ? "" : "s") + " within " + limit;
        if (nextOwn.isPresent()) {
            long eta = minutes(nextOwn.get().etaSeconds());
            return new Why(inTime + ", the next ETA " + eta + " min",
                    PhraseCode.AID_WHY_TOO_FEW_IN_TIME.with(c.name(), missing, own, limitSeconds, eta));
        }
        return new Why(inTime + ", no other own-county unit available",
                PhraseCode.AID_WHY_TOO_FEW_NO_OTHER.with(c.name(), missing, own, limitSeconds));
    }

    /** Whole minutes, rounded up, so a unit shown over the limit never reads as equal to it. */
    static long minutes(double seconds) {
        return (long) Math.ceil(seconds / 60.0);
    }
}
