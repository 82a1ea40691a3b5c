package cn.emcc.dispatch;

import cn.emcc.map.travel.TravelEstimate;

import java.util.List;

/**
 * One unit recommended for one requirement, with everything a duty officer
 * needs to accept or override it.
 *
 * @param rankSeconds ETA plus the preference penalty of its tier: what it was ranked by
 * @param reason      in words: ETA and what slowed it, distance, jurisdiction, and which nearer units were
 *                    passed over and why
 * @param reasonPhrases the same reason as phrases, for the console to show in the officer's language
 */
public record Candidate(Unit unit, Capability capability, TravelEstimate estimate, JurisdictionTier tier,
                        double rankSeconds, String reason, List<Phrase> reasonPhrases) {

    public Candidate {
        reasonPhrases = List.copyOf(reasonPhrases);
    }

    public double etaSeconds() {
        return estimate.seconds();
    }

    public double distanceMetres() {
        return estimate.straightLineMetres();
    }
}
