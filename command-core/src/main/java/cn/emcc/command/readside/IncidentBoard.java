package cn.emcc.command.readside;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.incident.Counts;
import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.command.incident.Report;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentStatus;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The current incidents of the whole province, folded from the incidents'
 * events. It is derived data: each node builds its own from the journal at
 * start, so there is no second source of truth that can drift.
 * Each incident's events arrive in order (one persistence id, one tag), which
 * is all the fold relies on.
 */
public final class IncidentBoard {

    /**
     * An incident's summary and the counts of each of its reports by message
     * id: a split takes reports away, and the largest-figure counts cannot be
     * worked back without the figures of the reports that stay.
     */
    private record Folded(IncidentSummary summary, Map<String, Counts> reportCounts) {
    }

    private final Map<String, Folded> incidents = new ConcurrentHashMap<>();
    private final List<Consumer<IncidentSummary>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with an incident's new summary after each event
     * applied to it. Events of one incident are applied one after another, so
     * a listener sees each incident's summaries in order; events of different
     * incidents may be applied concurrently.
     */
    public void onChange(Consumer<IncidentSummary> listener) {
        listeners.add(listener);
    }

    /** Applies one event of one incident. */
    public void apply(IncidentActor.Event event) {
        Folded now = incidents.compute(event.incidentId(), (id, f) -> fold(f, event));
        if (now != null) {
            listeners.forEach(l -> l.accept(now.summary()));
        }
    }

    private static Folded fold(Folded f, IncidentActor.Event e) {
        Map<String, Counts> counts = reportCounts(f == null ? Map.of() : f.reportCounts(), e);
        IncidentSummary s = fold(f == null ? null : f.summary(), e, combined(counts));
        return s == null ? null : new Folded(s, counts);
    }

    /** The report counts after the event: reports that join add theirs, reports split off take theirs away. */
    private static Map<String, Counts> reportCounts(Map<String, Counts> before, IncidentActor.Event e) {
        List<Report> joining = List.of();
        List<Report> leaving = List.of();
        if (e instanceof IncidentActor.IncidentOpened o) {
            joining = List.of(o.report());
        } else if (e instanceof IncidentActor.OpenedFromSplit o) {
            joining = o.reports();
        } else if (e instanceof IncidentActor.ReportJoined j) {
            joining = List.of(j.report());
        } else if (e instanceof IncidentActor.ReportsAbsorbed a) {
            joining = a.reports();
        } else if (e instanceof IncidentActor.ReportsSplitOff x) {
            leaving = x.reports();
        }
        if (joining.isEmpty() && leaving.isEmpty()) {
            return before;
        }
        Map<String, Counts> after = new HashMap<>(before);
        joining.forEach(r -> after.put(r.messageId(), r.counts() == null ? Counts.NONE : r.counts()));
        leaving.forEach(r -> after.remove(r.messageId()));
        return Map.copyOf(after);
    }

    private static Counts combined(Map<String, Counts> reportCounts) {
        Counts c = Counts.NONE;
        for (Counts r : reportCounts.values()) {
            c = c.combine(r);
        }
        return c;
    }

    private static IncidentSummary fold(IncidentSummary before, IncidentActor.Event e, Counts casualties) {
        if (e instanceof IncidentActor.IncidentOpened o) {
            IncidentSummary first = opened(o.incidentId(), o.report(), o.cityAdcode(), 1, casualties, o);
            return with(first, e, first.status(), o.grade(), 1, o.warnings(), null);
        }
        if (e instanceof IncidentActor.OpenedFromSplit o) {
            return opened(o.incidentId(), o.reports().get(0), o.cityAdcode(), o.reports().size(), casualties, o);
        }
        if (before == null) {
            return null; // an event of an incident whose opening was not seen: impossible with ordered delivery
        }
        IncidentSummary s = withCasualties(before, casualties);
        if (e instanceof IncidentActor.ReportJoined) {
            return with(s, e, s.status(), s.grade(), s.reportCount() + 1, s.warnings(), s.mergedInto());
        }
        if (e instanceof IncidentActor.ReportsAbsorbed a) {
            return with(s, e, s.status(), s.grade(), s.reportCount() + a.reports().size(), s.warnings(), s.mergedInto());
        }
        if (e instanceof IncidentActor.ReportsSplitOff x) {
            return with(s, e, s.status(), s.grade(), s.reportCount() - x.reports().size(), s.warnings(), s.mergedInto());
        }
        if (e instanceof IncidentActor.GradeChanged g) {
            return with(s, e, s.status(), g.to(), s.reportCount(), s.warnings(), s.mergedInto());
        }
        if (e instanceof IncidentActor.StatusChanged c) {
            return with(s, e, c.to(), s.grade(), s.reportCount(), s.warnings(), s.mergedInto());
        }
        if (e instanceof IncidentActor.DispatchRecorded d) {
            return with(s, e, d.to(), s.grade(), s.reportCount(), s.warnings(), s.mergedInto());
        }
        if (e instanceof IncidentActor.WarningsLinked w) {
            return with(s, e, s.status(), s.grade(), s.reportCount(), List.copyOf(w.warnings()), s.mergedInto());
        }
        if (e instanceof IncidentActor.MergedInto m) {
            return with(s, e, IncidentStatus.INCIDENT_STATUS_MERGED, s.grade(), s.reportCount(), s.warnings(), m.targetId());
        }
        return with(s, e, s.status(), s.grade(), s.reportCount(), s.warnings(), s.mergedInto());
    }

    private static IncidentSummary opened(String id, Report first, String city, int reports, Counts casualties,
                                          IncidentActor.Event e) {
        return new IncidentSummary(id, IncidentStatus.INCIDENT_STATUS_REPORTED, Grade.GRADE_UNSPECIFIED, first.category(),
                first.longitude(), first.latitude(), first.address(), first.countyAdcode(), city, e.at(), e.at(),
                reports, casualties, List.of(), null);
    }

    private static IncidentSummary withCasualties(IncidentSummary s, Counts casualties) {
        return casualties.equals(s.casualties()) ? s : new IncidentSummary(s.incidentId(), s.status(), s.grade(),
                s.category(), s.longitude(), s.latitude(), s.address(), s.countyAdcode(), s.cityAdcode(), s.openedAt(),
                s.updatedAt(), s.reportCount(), casualties, s.warnings(), s.mergedInto());
    }

    private static IncidentSummary with(IncidentSummary s, IncidentActor.Event e, IncidentStatus status, Grade grade,
                                        int reports, List<WarningInForce> warnings, String mergedInto) {
        return new IncidentSummary(s.incidentId(), status, grade, s.category(), s.longitude(), s.latitude(),
                s.address(), s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(), reports, s.casualties(), warnings,
                mergedInto);
    }

    public Optional<IncidentSummary> get(String incidentId) {
        return Optional.ofNullable(incidents.get(incidentId)).map(Folded::summary);
    }

    /**
     * Open incidents (not closed, merged or cancelled) whose county passes the
     * filter, most severe grade first, then newest first.
     */
    public List<IncidentSummary> open(Predicate<String> countyFilter) {
        return incidents.values().stream().map(Folded::summary)
                .filter(s -> IncidentLifecycle.isOpen(s.status()) && countyFilter.test(s.countyAdcode()))
                .sorted(Comparator.comparingInt((IncidentSummary s) -> severity(s.grade()))
                        .thenComparing(IncidentSummary::openedAt, Comparator.reverseOrder())
                        .thenComparing(IncidentSummary::incidentId))
                .toList();
    }

    /** Incidents opened at or after {@code since}, open or not, whose county passes the filter; oldest first. */
    public List<IncidentSummary> openedSince(java.time.Instant since, Predicate<String> countyFilter) {
        return incidents.values().stream().map(Folded::summary)
                .filter(s -> !s.openedAt().isBefore(since) && countyFilter.test(s.countyAdcode()))
                .sorted(Comparator.comparing(IncidentSummary::openedAt).thenComparing(IncidentSummary::incidentId))
                .toList();
    }

    public int size() {
        return incidents.size();
    }

    /** I first … IV last; ungraded (only for an instant while opening) after IV. */
    private static int severity(Grade g) {
        return g == Grade.GRADE_UNSPECIFIED || g == Grade.UNRECOGNIZED ? 99 : g.getNumber();
    }
}
