package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.GeoPoint;

import java.util.ArrayList;
import java.util.List;

/**
 * A real Shandong road as a coarse polyline (waypoints at the towns it
 * passes, a few kilometres off at worst) with the kilometre mark where it
 * enters the province, so a stretch can be named the way road signs and
 * traffic bulletins do ("G2 京沪高速 K412-K420 上海方向").
 */
record Road(String code, String name, int kmAtFirstPoint, String towardsFirst, String towardsLast,
            List<GeoPoint> waypoints) {

    Road {
        if (waypoints.size() < 2) {
            throw new IllegalArgumentException("road " + code + " has " + waypoints.size() + " waypoints; expected at least 2");
        }
        waypoints = List.copyOf(waypoints);
    }

    String label() {
        return code.isEmpty() ? name : code + " " + name;
    }

    boolean expressway() {
        return !code.isEmpty();
    }

    /** Length along the waypoints, in kilometres. */
    double lengthKm() {
        double total = 0;
        for (int i = 1; i < waypoints.size(); i++) {
            total += GeoMath.distanceMeters(waypoints.get(i - 1), waypoints.get(i)) / 1000;
        }
        return total;
    }

    /** The point {@code km} kilometres from the first waypoint. */
    GeoPoint pointAt(double km) {
        double remaining = km;
        for (int i = 1; i < waypoints.size(); i++) {
            double leg = GeoMath.distanceMeters(waypoints.get(i - 1), waypoints.get(i)) / 1000;
            if (remaining <= leg) {
                return GeoMath.between(waypoints.get(i - 1), waypoints.get(i), leg == 0 ? 0 : remaining / leg);
            }
            remaining -= leg;
        }
        return waypoints.get(waypoints.size() - 1);
    }

    /** The polyline from {@code fromKm} to {@code toKm} (from &lt; to), including the waypoints between. */
    List<GeoPoint> stretch(double fromKm, double toKm) {
        List<GeoPoint> line = new ArrayList<>();
        line.add(pointAt(fromKm));
        double at = 0;
        for (int i = 1; i < waypoints.size() - 1; i++) {
            at += GeoMath.distanceMeters(waypoints.get(i - 1), waypoints.get(i)) / 1000;
            if (at > fromKm && at < toKm) {
                line.add(waypoints.get(i));
            }
        }
        line.add(pointAt(toKm));
        return line;
    }
}
