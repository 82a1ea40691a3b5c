package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.GeoPoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class JourneyTest {

    /** 历下区第1消防救援站, Jinan, on the shipped roster. */
    private static final GeoPoint STATION = GeoMath.point(117.138707, 36.738116);
    private static final Duration EVERY = Duration.ofSeconds(3);

    @Test
    void a_leg_starts_at_the_station_and_ends_standing_at_the_scene_a_fix_every_interval() {
        GeoPoint scene = GeoMath.offset(STATION, 4_000, 60);
        Duration drive = Journey.driveTime(STATION, scene, 48);
        assertThat(drive).isBetween(Duration.ofSeconds(299), Duration.ofSeconds(301)); // 4 km at 48 km/h

        List<Journey.Fix> fixes = Journey.leg(STATION, scene, drive, EVERY);

        long intervals = (drive.toMillis() + EVERY.toMillis() - 1) / EVERY.toMillis();
        assertThat(fixes).hasSize((int) intervals + 1);
        Journey.Fix first = fixes.get(0);
        assertThat(first.after()).isZero();
        assertThat(GeoMath.distanceMeters(first.position(), STATION)).isLessThan(1);
        assertThat(first.speedKmh()).isPositive();
        Journey.Fix last = fixes.get(fixes.size() - 1);
        assertThat(last.after()).isEqualTo(drive);
        assertThat(last.position()).isEqualTo(scene);
        assertThat(last.speedKmh()).isZero();
        for (int i = 1; i < fixes.size(); i++) {
            Duration step = fixes.get(i).after().minus(fixes.get(i - 1).after());
            assertThat(step).isPositive().isLessThanOrEqualTo(EVERY);
            assertThat(GeoMath.distanceMeters(fixes.get(i).position(), scene))
                    .as("every fix is closer to the scene than the one before")
                    .isLessThan(GeoMath.distanceMeters(fixes.get(i - 1).position(), scene));
        }
        assertThat(fixes).allSatisfy(f -> assertThat(f.accuracyMeters()).isBetween(1.0, 50.0));
    }

    @Test
    void every_heading_points_toward_the_scene_in_any_direction() {
        for (double bearing : new double[]{0, 37, 90, 135, 180, 225.5, 270, 315, 359.9}) {
            GeoPoint scene = GeoMath.offset(STATION, 2_500, bearing);
            List<Journey.Fix> fixes = Journey.leg(STATION, scene, Duration.ofMinutes(3), EVERY);
            for (Journey.Fix f : fixes) {
                assertThat(f.headingDegrees()).isGreaterThanOrEqualTo(0).isLessThan(360);
                assertThat(angle(f.headingDegrees(), bearing)).as("heading of a leg towards %s°", bearing)
                        .isLessThan(0.5);
                if (GeoMath.distanceMeters(f.position(), scene) > 20) {
                    assertThat(angle(f.headingDegrees(), GeoMath.bearingDegrees(f.position(), scene)))
                            .as("from %s the scene lies ahead", f.position()).isLessThan(1);
                }
            }
        }
    }

    @Test
    void the_speeds_are_the_distance_over_the_time_and_plausible_for_a_crew() {
        for (double kmh : new double[]{35, 50, 65}) {
            GeoPoint scene = GeoMath.offset(STATION, 7_300, 200);
            Duration drive = Journey.driveTime(STATION, scene, kmh);
            List<Journey.Fix> fixes = Journey.leg(STATION, scene, drive, EVERY);
            for (int i = 0; i + 1 < fixes.size(); i++) {
                Journey.Fix a = fixes.get(i);
                Journey.Fix b = fixes.get(i + 1);
                double seconds = b.after().minus(a.after()).toNanos() / 1e9;
                double covered = GeoMath.distanceMeters(a.position(), b.position()) / seconds * 3.6;
                assertThat(a.speedKmh()).as("speed of fix %d", i).isCloseTo(covered, within(covered * 0.02 + 0.2));
                assertThat(a.speedKmh()).isCloseTo(kmh, within(0.2));
            }
        }
    }

    @Test
    void a_long_drive_sends_a_bounded_number_of_fixes_over_its_whole_length() {
        GeoPoint farAway = GeoMath.offset(STATION, 300_000, 100); // across the province
        Duration drive = Journey.driveTime(STATION, farAway, 60);

        List<Journey.Fix> fixes = Journey.leg(STATION, farAway, drive, Duration.ofSeconds(1));

        assertThat(fixes).hasSize(Journey.MAX_FIXES_PER_LEG);
        assertThat(fixes.get(fixes.size() - 1).after()).isEqualTo(drive);
        assertThat(fixes.get(fixes.size() - 1).position()).isEqualTo(farAway);
        assertThat(fixes.get(1).speedKmh()).isCloseTo(60, within(1.0));
    }

    @Test
    void a_unit_already_at_the_scene_sends_one_standing_fix_there_after_the_shortest_drive() {
        Duration drive = Journey.driveTime(STATION, STATION, 50);
        assertThat(drive).isEqualTo(Journey.MIN_DRIVE);

        List<Journey.Fix> fixes = Journey.leg(STATION, STATION, drive, EVERY);

        assertThat(fixes).containsExactly(new Journey.Fix(Journey.MIN_DRIVE, STATION, 0, 0, Journey.ACCURACY_METERS));
    }

    @Test
    void a_drive_shorter_than_the_interval_is_a_fix_at_each_end_and_a_very_short_one_takes_the_shortest_drive() {
        GeoPoint scene = GeoMath.offset(STATION, 40, 90);
        assertThat(Journey.driveTime(STATION, scene, 50)).isEqualTo(Journey.MIN_DRIVE);

        List<Journey.Fix> fixes = Journey.leg(STATION, scene, Duration.ofSeconds(2), EVERY);

        assertThat(fixes).extracting(Journey.Fix::after).containsExactly(Duration.ZERO, Duration.ofSeconds(2));
        assertThat(fixes.get(0).speedKmh()).isCloseTo(72, within(0.5)); // 40 m in 2 s
    }

    @Test
    void a_leg_needs_a_positive_interval_and_a_drive_a_positive_speed() {
        assertThatThrownBy(() -> Journey.leg(STATION, STATION, Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixEvery");
        assertThatThrownBy(() -> Journey.leg(STATION, STATION, Duration.ofSeconds(-1), EVERY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> Journey.driveTime(STATION, STATION, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speedKmh");
    }

    /** The smaller angle between two directions, in degrees. */
    private static double angle(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }
}
