package cn.emcc.command.correlation;

import cn.emcc.command.incident.Categories;
import cn.emcc.command.incident.Report;
import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern NEW = Pattern.compile(
            "new: no open ([a-z_]+)-compatible incident in range among (\\d+) open in the county");
    private static final Pattern JOINED = Pattern.compile(
            "joined: (\\d+) m, (\\d+) min, ([a-z_]+)/([a-z_]+) \\((.*)\\)");

    /**
     * A reason {@link #correlate} wrote, as a phrase for the console; null for any other text. Reasons are
     * stored in English, so the incidents of before read back the same way.
     */
    public static Phrase phraseOf(String reason) {
        if (reason == null) {
            return null;
        }
        try {
            Matcher m = NEW.matcher(reason);
            if (m.matches()) {
                return PhraseCode.CORRELATION_NEW.with(Categories.fromCode(m.group(1)).name(), m.group(2));
            }
            m = JOINED.matcher(reason);
            if (m.matches()) {
                return PhraseCode.CORRELATION_JOINED.with(m.group(1), m.group(2),
                        Categories.fromCode(m.group(3)).name(), Categories.fromCode(m.group(4)).name(), m.group(5));
            }
        } catch (IllegalArgumentException unknownCategory) {
            return null;
        }
        return null;
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
