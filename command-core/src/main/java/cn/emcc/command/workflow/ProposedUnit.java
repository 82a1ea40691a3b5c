package cn.emcc.command.workflow;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Candidate;
import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.Phrase;
import cn.emcc.protocols.v1.Agency;

import java.util.List;

/**
 * One unit of a proposal, with the reason the recommender gave for it.
 *
 * @param distanceMetres straight-line distance to the incident; 0 when not known (a unit the officer added)
 * @param reasonPhrases  the reason as phrases for the console; empty in proposals made before phrases existed
 */
public record ProposedUnit(String unitId, Agency agency, String unitType, Capability capability, String countyAdcode,
                           double etaSeconds, String tier, boolean mutualAid, String reason, double distanceMetres,
                           List<Phrase> reasonPhrases)
        implements CborSerializable {

    public ProposedUnit {
        reasonPhrases = Phrase.listOrEmpty(reasonPhrases);
    }

    public ProposedUnit(String unitId, Agency agency, String unitType, Capability capability, String countyAdcode,
                        double etaSeconds, String tier, boolean mutualAid, String reason) {
        this(unitId, agency, unitType, capability, countyAdcode, etaSeconds, tier, mutualAid, reason, 0, List.of());
    }

    public ProposedUnit(String unitId, Agency agency, String unitType, Capability capability, String countyAdcode,
                        double etaSeconds, String tier, boolean mutualAid, String reason, Phrase reasonPhrase) {
        this(unitId, agency, unitType, capability, countyAdcode, etaSeconds, tier, mutualAid, reason, 0,
                List.of(reasonPhrase));
    }

    static ProposedUnit of(Candidate c) {
        return new ProposedUnit(c.unit().unitId(), c.unit().agency(), c.unit().unitType().name(), c.capability(),
                c.unit().countyAdcode(), Math.round(c.etaSeconds() * 10) / 10.0, c.tier().name(),
                c.tier().isMutualAid(), c.reason(), Math.round(c.distanceMetres()), c.reasonPhrases());
    }
}
