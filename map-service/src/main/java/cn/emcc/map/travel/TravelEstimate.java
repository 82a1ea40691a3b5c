package cn.emcc.map.travel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How long a unit is estimated to need from where it is to where it is sent,
 * and what went into the figure, so a duty officer can see why one unit was
 * ranked before another.
 *
 * @param seconds           the estimate: free-flow time plus every delay
 * @param straightLineMetres great-circle distance between the two points
 * @param roadMetres        the road distance the model assumed
 * @param freeFlowSeconds   the time on empty roads in fair weather
 * @param delays            what slowed it down, in the order the model applied them
 */
public record TravelEstimate(double seconds, double straightLineMetres, double roadMetres, double freeFlowSeconds,
                             List<Delay> delays) {

    /** Extra time caused by one traffic condition or weather warning on the way. */
    public record Delay(String cause, double seconds) {
        public Delay {
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s +%.0f s", cause, seconds);
        }
    }

    public TravelEstimate {
        delays = List.copyOf(delays);
    }

    public double minutes() {
        return seconds / 60.0;
    }

    /** E.g. "12.4 min, 8.1 km straight / 10.9 km road, congestion G2 (TC-7) +95 s". */
    public String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%.1f min, %.1f km straight / %.1f km road",
                minutes(), straightLineMetres / 1000.0, roadMetres / 1000.0));
        for (Delay d : delays) {
            out.append(", ").append(d);
        }
        return out.toString();
    }
}
