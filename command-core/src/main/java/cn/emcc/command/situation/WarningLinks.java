package cn.emcc.command.situation;

import cn.emcc.command.grading.WarningInForce;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which open incidents must be told about a change in the warnings covering
 * them. Plain Java so the rule is tested without a cluster.
 */
final class WarningLinks {

    /** The incident must now be linked to exactly these warnings. */
    record Relink(String incidentId, List<WarningInForce> warnings) {
    }

    private WarningLinks() {
    }

    /**
     * @param ancestors a county code → the codes of its city and province; the county's own code is added here
     */
    static List<Relink> changes(List<OpenIncidentRef> open, ActiveWarnings warnings,
                                Function<String, Set<String>> ancestors) {
        List<Relink> changes = new ArrayList<>();
        for (OpenIncidentRef incident : open) {
            List<WarningInForce> covering = warnings.at(incident.lon(), incident.lat(), divisionsOf(incident, ancestors));
            // Compared as sets: the read side need not keep the order the linker sent.
            if (!new HashSet<>(covering).equals(new HashSet<>(incident.linked()))) {
                changes.add(new Relink(incident.incidentId(), covering));
            }
        }
        return changes;
    }

    private static Set<String> divisionsOf(OpenIncidentRef incident, Function<String, Set<String>> ancestors) {
        String county = incident.countyAdcode();
        if (county == null || county.isBlank()) {
            return Set.of();
        }
        Set<String> codes = new HashSet<>(ancestors.apply(county));
        codes.add(county);
        return codes;
    }
}
