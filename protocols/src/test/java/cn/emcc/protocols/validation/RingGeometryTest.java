package cn.emcc.protocols.validation;

import cn.emcc.protocols.SampleMessages;
import cn.emcc.protocols.v1.GeoPoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RingGeometryTest {

    @Test
    void aSquareIsSimple() {
        assertThat(RingGeometry.firstSelfIntersection(ring(0, 0, 1, 0, 1, 1, 0, 1))).isNull();
    }

    @Test
    void aTriangleIsSimple() {
        assertThat(RingGeometry.firstSelfIntersection(ring(0, 0, 2, 0, 1, 1))).isNull();
    }

    @Test
    void aConcavePolygonIsSimple() {
        assertThat(RingGeometry.firstSelfIntersection(ring(0, 0, 4, 0, 4, 4, 2, 1, 0, 4))).isNull();
    }

    @Test
    void aRepeatedVertexIsIgnored() {
        assertThat(RingGeometry.firstSelfIntersection(ring(0, 0, 1, 0, 1, 0, 1, 1, 0, 1))).isNull();
    }

    @Test
    void aBowTieCrossesItself() {
        RingGeometry.Crossing crossing = RingGeometry.firstSelfIntersection(ring(0, 0, 1, 1, 1, 0, 0, 1));

        assertThat(crossing).isEqualTo(new RingGeometry.Crossing(0, 2));
    }

    @Test
    void aRingThatTouchesItselfAtAVertexIsNotSimple() {
        // A figure of eight through (1, 1).
        assertThat(RingGeometry.firstSelfIntersection(ring(0, 0, 1, 1, 2, 0, 2, 2, 1, 1, 0, 2))).isNotNull();
    }

    @Test
    void aSpikeThatRunsBackAlongASideIsNotSimple() {
        assertThat(RingGeometry.firstSelfIntersection(ring(0, 0, 2, 0, 1, 0, 1, 1))).isNotNull();
    }

    @Test
    void aVertexLyingOnAnotherSideIsNotSimple() {
        assertThat(RingGeometry.firstSelfIntersection(ring(0, 0, 4, 0, 4, 4, 2, 0, 0, 4))).isNotNull();
    }

    @Test
    void aLargeSimpleRingIsSimple() {
        List<GeoPoint> circle = new ArrayList<>();
        for (int i = 0; i < 1999; i++) {
            double a = 2 * Math.PI * i / 1999;
            circle.add(SampleMessages.point(117 + Math.cos(a), 36 + Math.sin(a)));
        }
        circle.add(circle.get(0));

        assertThat(RingGeometry.firstSelfIntersection(circle)).isNull();
    }

    private static List<GeoPoint> ring(double... lonLat) {
        return SampleMessages.ring(lonLat).getRingList();
    }
}
