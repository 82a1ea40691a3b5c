package cn.emcc.command.workflow;

import java.util.List;

/**
 * The units a command node could send for a mutual-aid request, ranked for
 * the incident by the recommender: {@code units} are what an approval naming
 * no units commits (best first), {@code alternates} the next best after them,
 * for an officer who picks by hand.
 */
public record AidOffer(List<ProposedUnit> units, List<ProposedUnit> alternates) {

    public AidOffer {
        units = List.copyOf(units);
        alternates = List.copyOf(alternates);
    }
}
