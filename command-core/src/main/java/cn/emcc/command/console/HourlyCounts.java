package cn.emcc.command.console;

import cn.emcc.command.readside.IncidentSummary;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Incidents opened per hour by category over the last hours, for the node
 * dashboard's chart. Hours are whole UTC hours, oldest first, the current
 * (partial) hour last.
 *
 * @param hours      the start of each hour
 * @param byCategory category name → one count per hour
 */
public record HourlyCounts(List<Instant> hours, Map<String, List<Integer>> byCategory) {

    public static HourlyCounts of(List<IncidentSummary> incidents, Instant now, int hourCount) {
        if (hourCount < 1 || hourCount > 168) {
            throw new IllegalArgumentException("hours is " + hourCount + "; expected 1..168");
        }
        Instant last = now.truncatedTo(ChronoUnit.HOURS);
        Instant first = last.minus(Duration.ofHours(hourCount - 1L));
        List<Instant> hours = new ArrayList<>();
        for (int h = 0; h < hourCount; h++) {
            hours.add(first.plus(Duration.ofHours(h)));
        }
        Map<String, List<Integer>> byCategory = new TreeMap<>();
        for (IncidentSummary s : incidents) {
            if (s.openedAt().isBefore(first) || s.openedAt().isAfter(now)) {
                continue;
            }
            int slot = (int) Duration.between(first, s.openedAt()).toHours();
            List<Integer> counts = byCategory.computeIfAbsent(s.category().name(),
                    k -> new ArrayList<>(java.util.Collections.nCopies(hourCount, 0)));
            counts.set(slot, counts.get(slot) + 1);
        }
        return new HourlyCounts(List.copyOf(hours), byCategory);
    }

    /** The first hour counted: incidents opened since then are needed. */
    public static Instant since(Instant now, int hourCount) {
        return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hourCount - 1L));
    }
}
