package cn.emcc.bench.ingest;

import java.util.Locale;
import java.util.Map;

/**
 * How hard and how long an ingest benchmark drives the node. The defaults keep
 * one run to a few minutes on 2 cores; each can be set from the environment.
 *
 * @param connections     agency WebSocket connections (half police, half fire; at least 2)
 * @param inFlightPerConnection reports sent and not yet answered on one connection
 * @param reports         measured reports (and journal-floor requests)
 * @param warmupReports   reports sent first and not measured (the peer gets as many)
 * @param counties        how many counties the reports are spread over (the first of sim/shandong-places.csv;
 *                        136 is all of Shandong, 1 puts every report on one correlation desk)
 * @param secondCallerShare share of reports that are a second caller about an earlier report
 * @param seed            of the report plan, so two runs send the same reports
 */
public record IngestSettings(int connections, int inFlightPerConnection, int reports, int warmupReports,
                             int counties, double secondCallerShare, long seed) {

    public static final int SHANDONG_COUNTIES = 136;

    public IngestSettings {
        if (connections < 2 || inFlightPerConnection < 1 || reports < 1 || warmupReports < 0) {
            throw new IllegalArgumentException("connections " + connections + ", in flight " + inFlightPerConnection
                    + ", reports " + reports + ", warm-up " + warmupReports
                    + ": expected at least 2 (police and fire), 1, 1 and 0");
        }
        if (counties < 1 || counties > SHANDONG_COUNTIES) {
            throw new IllegalArgumentException("counties is " + counties + "; expected 1.." + SHANDONG_COUNTIES);
        }
        if (secondCallerShare < 0 || secondCallerShare >= 1) {
            throw new IllegalArgumentException("secondCallerShare is " + secondCallerShare + "; expected 0 <= share < 1");
        }
    }

    public static IngestSettings fromEnvironment(Map<String, String> env) {
        return new IngestSettings(
                whole(env, "BENCH_CONNECTIONS", 8, 2),
                whole(env, "BENCH_IN_FLIGHT", 64, 1),
                whole(env, "BENCH_REPORTS", 20_000, 1),
                whole(env, "BENCH_WARMUP_REPORTS", 2_000, 0),
                whole(env, "BENCH_COUNTIES", SHANDONG_COUNTIES, 1),
                0.10,
                20261129L);
    }

    /** Requests in progress at once, ours and the peer's alike. */
    public int inFlight() {
        return connections * inFlightPerConnection;
    }

    private static int whole(Map<String, String> env, String name, int fallback, int min) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new IllegalArgumentException(name + "='" + raw + "': expected a whole number >= " + min);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d connections x %d in flight = %d, %,d reports measured after %,d warm-up,"
                        + " over %d counties, %.0f%% second callers", connections, inFlightPerConnection, inFlight(),
                reports, warmupReports, counties, secondCallerShare * 100);
    }
}
