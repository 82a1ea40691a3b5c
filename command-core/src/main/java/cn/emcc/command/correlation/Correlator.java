package cn.emcc.command.correlation;

import cn.emcc.command.incident.Categories;
import cn.emcc.command.incident.Report;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Decides whether a report is about an incident that is already open. Plain
 * logic over a list of open incidents; deterministic for the same inputs
 * (ties go to the nearer, then the more recently reported, then the lower id).
 */
public final class Correlator {

    private final CorrelationRules rules;

    public Correlator(CorrelationRules rules) {
        this.rules = rules;
    }

    private record Candidate(OpenIncidentSummary incident, double metres, Duration age, String group) {
    }

    public Correlation correlate(Report report, Collection<OpenIncidentSummary> open) {
        Optional<Candidate> best = open.stream()
                .flatMap(incident -> candidate(report, incident).stream())
                .min(Comparator.comparingDouble(Candidate::metres)
                        .thenComparing(Candidate::age)
                        .thenComparing(c -> c.incident().incidentId()));
        if (best.isEmpty()) {
            return new Correlation.OpenNew("new: no open " + Categories.label(report.category())
                    + "-compatible incident in range among " + open.size() + " open in the county");
        }
        Candidate c = best.get();
        String reason = String.format("joined: %d m, %d min, %s/%s (%s)",
                Math.round(c.metres()), Math.max(0, c.age().toMinutes()),
                Categories.label(report.category()), Categories.label(c.incident().category()), c.group());
        return new Correlation.Join(c.incident().incidentId(), reason);
    }

    private Optional<Candidate> candidate(Report report, OpenIncidentSummary incident) {
        double metres = report.position().metresTo(incident.position());
        Duration age = Duration.between(incident.lastReportedAt(), report.reportedAt()).abs();
        return rules.shared(report.category(), incident.category()).stream()
                .filter(g -> metres <= g.radiusMetres() && age.compareTo(g.window()) <= 0)
                .findFirst()
                .map(g -> new Candidate(incident, metres, age, g.name()));
    }
}
