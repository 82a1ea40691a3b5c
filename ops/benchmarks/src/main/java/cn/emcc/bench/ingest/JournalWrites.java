package cn.emcc.bench.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the journal was made to write for the measured reports, by entity
 * type: events (one row each) and their tag rows, counted in the node's H2
 * database from a mark taken before the phase. It explains the CPU per item:
 * the floor writes one event and one tag row per ask, and whatever ours
 * writes beyond that per report is work the floor never does. Counted once
 * the node has stopped writing (the read side goes on filing proposals and
 * deadlines after the last Ack), so the backlog is included; waiting for
 * that also keeps the floor from running in our backlog.
 */
final class JournalWrites {

    /** Rows written after a mark, per entity type (the persistence id up to its '|'). */
    record Counts(Map<String, Long> eventsByType, long tagRows) {

        String table(int reports) {
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                    "   journal writes per measured report (H2 rows from the phase's start until the node was quiet):%n"));
            long events = 0;
            for (Map.Entry<String, Long> e : eventsByType.entrySet()) {
                events += e.getValue();
                t.append(String.format(Locale.ROOT, "     %-22s %,9d events  %6.2f per report%n", e.getKey(),
                        e.getValue(), e.getValue() / (double) reports));
            }
            t.append(String.format(Locale.ROOT, "     %-22s %,9d events  %6.2f per report%n", "all", events,
                    events / (double) reports));
            t.append(String.format(Locale.ROOT, "     %-22s %,9d rows    (all entity types)%n", "tag rows", tagRows));
            return t.toString();
        }
    }

    private final String url;
    private final String user;
    private final String password;

    JournalWrites(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The highest ordering written so far: rows after it belong to what follows. */
    long mark() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(\"ordering\"), 0) FROM \"event_journal\"");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the journal's highest ordering at " + url + ": " + e.getMessage(), e);
        }
    }

    /** Rows after {@code mark}, taken once two counts {@code settle} ms apart agree (at most {@code tries}). */
    Counts since(long mark, long settleMillis, int tries) throws InterruptedException {
        Counts before = count(mark);
        for (int i = 0; i < tries; i++) {
            Thread.sleep(settleMillis);
            Counts now = count(mark);
            if (now.equals(before)) {
                return now;
            }
            before = now;
        }
        return before;
    }

    private Counts count(long mark) {
        Map<String, Long> byType = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (PreparedStatement s = c.prepareStatement("SELECT SUBSTRING(\"persistence_id\", 1,"
                    + " LOCATE('|', \"persistence_id\") - 1) AS t, COUNT(*) FROM \"event_journal\""
                    + " WHERE \"ordering\" > ? GROUP BY t")) {
                s.setLong(1, mark);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byType.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM \"event_tag\" WHERE \"event_id\" > ?")) {
                s.setLong(1, mark);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Counts(byType, r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting journal rows after " + mark + " at " + url + ": " + e.getMessage(), e);
        }
    }
}
