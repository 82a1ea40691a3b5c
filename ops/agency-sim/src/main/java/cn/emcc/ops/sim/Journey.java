package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.GeoPoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One leg a crew drives (station to scene, scene back to station) as the
 * AVL fixes its vehicle sends: when, where, how fast, which way. The route
 * is a straight line interpolated on the WGS-84 lon/lat plane
 * ({@link GeoMath#between}), not a road: over the few kilometres of a
 * dispatch it is within metres of a great circle, and the demo needs units
 * that move towards the scene, not units that follow streets.
 *
 * <p>Pure: the same leg, duration and interval give the same fixes. A leg
 * has at most {@link #MAX_FIXES_PER_LEG} fixes, however long the drive; the
 * first is at the start as the vehicle pulls out, the last at the end,
 * standing (speed 0).
 */
final class Journey {

    /** Fixes of one leg at most, the first and the last included: a long drive spaces them out instead. */
    static final int MAX_FIXES_PER_LEG = 120;
    /** The shortest drive, however close the unit is: the crew still pulls out and parks. */
    static final Duration MIN_DRIVE = Duration.ofSeconds(10);
    /** What a vehicle's GNSS receiver reports in the open. */
    static final double ACCURACY_METERS = 8;
    /** Closer than this a unit is already there: it does not drive. */
    private static final double STANDING_METERS = 1;

    /**
     * One AVL fix, {@code after} the leg began.
     *
     * @param speedKmh       the leg's average speed while moving, 0 once arrived
     * @param headingDegrees where the vehicle points, [0, 360), 0 north
     */
    record Fix(Duration after, GeoPoint position, double speedKmh, double headingDegrees, double accuracyMeters) {
    }

    private Journey() {
    }

    /** How long the drive from {@code from} to {@code to} takes at {@code speedKmh}, at least {@link #MIN_DRIVE}. */
    static Duration driveTime(GeoPoint from, GeoPoint to, double speedKmh) {
        if (!(speedKmh > 0)) {
            throw new IllegalArgumentException("speedKmh is " + speedKmh + "; expected more than 0");
        }
        double seconds = GeoMath.distanceMeters(from, to) / (speedKmh / 3.6);
        Duration drive = Duration.ofMillis(Math.round(seconds * 1000));
        return drive.compareTo(MIN_DRIVE) < 0 ? MIN_DRIVE : drive;
    }

    /**
     * The fixes of the drive from {@code from} to {@code to} taking {@code duration}, about one per
     * {@code fixEvery} (fewer when that would exceed {@link #MAX_FIXES_PER_LEG}). A leg of no length (or of
     * no duration) is a single fix at {@code to}, at the end.
     */
    static List<Fix> leg(GeoPoint from, GeoPoint to, Duration duration, Duration fixEvery) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration is " + duration + "; expected zero or more");
        }
        if (fixEvery.isNegative() || fixEvery.isZero()) {
            throw new IllegalArgumentException("fixEvery is " + fixEvery + "; expected a positive duration");
        }
        double meters = GeoMath.distanceMeters(from, to);
        if (meters < STANDING_METERS || duration.isZero()) {
            return List.of(new Fix(duration, to, 0, 0, ACCURACY_METERS));
        }
        long intervals = Math.min(MAX_FIXES_PER_LEG - 1,
                Math.max(1, (duration.toNanos() + fixEvery.toNanos() - 1) / fixEvery.toNanos()));
        double speedKmh = round1(meters / (duration.toNanos() / 1e9) * 3.6);
        double heading = GeoMath.normalizedDegrees(round1(GeoMath.bearingDegrees(from, to)));
        List<Fix> fixes = new ArrayList<>((int) intervals + 1);
        for (long i = 0; i <= intervals; i++) {
            boolean arrived = i == intervals;
            Duration after = Duration.ofNanos(Math.round(duration.toNanos() * (double) i / intervals));
            GeoPoint at = arrived ? to : GeoMath.between(from, to, (double) i / intervals);
            fixes.add(new Fix(after, at, arrived ? 0 : speedKmh, heading, ACCURACY_METERS));
        }
        return List.copyOf(fixes);
    }

    private static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
