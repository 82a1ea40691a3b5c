package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.GeoPoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain planar tests on a closed ring in lon/lat degrees, enough to refuse
 * rings that any GIS would call invalid (bow ties, spikes, touching
 * themselves). Quadratic in the number of points; callers bound that number.
 */
final class RingGeometry {

    private RingGeometry() {
    }

    /** Two segments of a ring that cross or touch where they should not: indexes into the ring. */
    record Crossing(int firstSegment, int secondSegment) {
    }

    /**
     * The first pair of segments that intersect other than at the vertex two
     * neighbours share, or null when the ring is simple. Consecutive repeated
     * points are ignored; {@code ring} must be closed and finite.
     */
    static Crossing firstSelfIntersection(List<GeoPoint> ring) {
        List<double[]> pts = new ArrayList<>(ring.size());
        List<Integer> original = new ArrayList<>(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            GeoPoint p = ring.get(i);
            double[] xy = {p.getLongitude(), p.getLatitude()};
            if (pts.isEmpty() || !same(pts.get(pts.size() - 1), xy)) {
                pts.add(xy);
                original.add(i);
            }
        }
        int segments = pts.size() - 1;
        if (segments < 3) {
            // Fewer than three distinct sides: degenerate, it folds back on itself.
            return new Crossing(0, Math.max(0, segments - 1));
        }
        for (int i = 0; i < segments; i++) {
            double[] a = pts.get(i);
            double[] b = pts.get(i + 1);
            for (int j = i + 1; j < segments; j++) {
                double[] c = pts.get(j);
                double[] d = pts.get(j + 1);
                boolean neighbours = j == i + 1 || (i == 0 && j == segments - 1);
                boolean bad;
                if (!neighbours) {
                    bad = intersect(a, b, c, d);
                } else if (j == i + 1) {
                    // Shared vertex b == c: bad only if they run back over each other.
                    bad = overlapsAtSharedVertex(a, b, d);
                } else {
                    // Segment 0 (a,b) and last segment (c,d) share a == d.
                    bad = overlapsAtSharedVertex(b, a, c);
                }
                if (bad) {
                    return new Crossing(original.get(i), original.get(j));
                }
            }
        }
        return null;
    }

    /** Segments p-shared and shared-q overlap when q lies on p-shared or p lies on shared-q. */
    private static boolean overlapsAtSharedVertex(double[] p, double[] shared, double[] q) {
        return orientation(p, shared, q) == 0
                && (onSegment(p, q, shared) || onSegment(shared, p, q));
    }

    private static boolean intersect(double[] a, double[] b, double[] c, double[] d) {
        int o1 = orientation(a, b, c);
        int o2 = orientation(a, b, d);
        int o3 = orientation(c, d, a);
        int o4 = orientation(c, d, b);
        if (o1 != o2 && o3 != o4 && o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0) {
            return true;
        }
        return (o1 == 0 && onSegment(a, c, b))
                || (o2 == 0 && onSegment(a, d, b))
                || (o3 == 0 && onSegment(c, a, d))
                || (o4 == 0 && onSegment(c, b, d));
    }

    /** Sign of the turn a → b → c: 1 left, −1 right, 0 collinear. */
    private static int orientation(double[] a, double[] b, double[] c) {
        double cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
        return cross > 0 ? 1 : cross < 0 ? -1 : 0;
    }

    /** Whether q, collinear with p and r, lies within the box spanned by p and r (ends included). */
    private static boolean onSegment(double[] p, double[] q, double[] r) {
        return q[0] >= Math.min(p[0], r[0]) && q[0] <= Math.max(p[0], r[0])
                && q[1] >= Math.min(p[1], r[1]) && q[1] <= Math.max(p[1], r[1]);
    }

    private static boolean same(double[] a, double[] b) {
        return a[0] == b[0] && a[1] == b[1];
    }
}
