package cn.emcc.map.jurisdiction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.Comparator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Placement on the shipped Shandong data (approximate counties: the places below were checked against it). */
class ShandongLocatorTest {

    private final Jurisdictions shandong = TestData.shandong();
    private final JurisdictionLocator locator = shandong.locator();

    @ParameterizedTest(name = "{0} → {3}")
    @CsvSource({
            "济南 泉城广场,       117.020, 36.661, 370102, 370100",
            "青岛 五四广场,       120.384, 36.062, 370202, 370200",
            "烟台 烟台山,         121.393, 37.545, 370602, 370600",
            "潍坊 市政府,         119.161, 36.707, 370705, 370700",
            "临沂 兰山区 西北,    118.330, 35.100, 371302, 371300",
            "菏泽 牡丹区,         115.480, 35.234, 371702, 371700",
            "东营 东营区,         118.582, 37.448, 370502, 370500",
            "威海 刘公岛,         122.178, 37.503, 371002, 371000",
            "泰安 泰山,           117.100, 36.255, 370902, 370900",
            "长岛 南长山岛,       120.737, 37.918, 370614, 370600",
            "青岛 灵山岛,         120.170, 35.770, 370211, 370200",
            "日照 岚山区,         119.230, 35.360, 371103, 371100",
    })
    void knownPlacesLandInTheirCounty(String place, double lon, double lat, String county, String city) {
        Placement placement = locator.locate(lon, lat);

        assertThat(placement).isInstanceOfSatisfying(Placement.Inside.class, inside -> {
            assertThat(inside.county().adcode()).as(place).isEqualTo(county);
            assertThat(inside.city().adcode()).isEqualTo(city);
            assertThat(inside.province().adcode()).isEqualTo("370000");
            assertThat(inside.onBorder()).isFalse();
        });
    }

    @Test
    void islandPointsAreOnDetachedPartsOfTheirCounty() {
        assertOnSmallerPart("370614", 120.737, 37.918); // 南长山岛, 长岛 (now part of 蓬莱区)
        assertOnSmallerPart("371002", 122.178, 37.503); // 刘公岛
        assertOnSmallerPart("370211", 120.170, 35.770); // 灵山岛
    }

    private void assertOnSmallerPart(String county, double lon, double lat) {
        Geometry g = shandong.boundary(county);
        Point p = g.getFactory().createPoint(new Coordinate(lon, lat));
        Geometry largest = IntStream.range(0, g.getNumGeometries()).mapToObj(g::getGeometryN)
                .max(Comparator.comparingDouble(Geometry::getArea)).orElseThrow();
        assertThat(g.getNumGeometries()).isGreaterThan(1);
        assertThat(largest.covers(p)).as("point must be on an island, not the mainland part").isFalse();
        assertThat(g.covers(p)).isTrue();
    }

    @Test
    void aPointInTheInteriorOfEveryCountyPartLandsInThatCounty() {
        for (Jurisdiction county : shandong.tree().counties()) {
            Geometry g = shandong.boundary(county.adcode());
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Point p = g.getGeometryN(i).getInteriorPoint();
                Placement placement = locator.locate(p.getX(), p.getY());
                assertThat(placement).as(county + " part " + i).isInstanceOfSatisfying(Placement.Inside.class,
                        inside -> assertThat(inside.county()).isEqualTo(county));
            }
        }
    }

    @Test
    void beijingAndTheYellowSeaAreOutside() {
        assertThat(locator.locate(116.397, 39.909)).isInstanceOfSatisfying(Placement.Outside.class,
                outside -> assertThat(outside.reason()).contains("outside 山东省 (370000)"));
        assertThat(locator.locate(123.5, 35.0)).isInstanceOf(Placement.Outside.class);
    }

    @Test
    void henanExclaveInsideShenCountyIsOutsideTheProvince() {
        // 范县's old town (Henan) sits in a hole of 莘县 and of the province polygon
        Polygon shen = (Polygon) shandong.boundary("371522").getGeometryN(0);
        assertThat(shen.getNumInteriorRing()).isEqualTo(1);
        Point inHole = shen.getFactory().createPolygon(shen.getInteriorRingN(0).getCoordinates()).getInteriorPoint();

        assertThat(locator.locate(inHole.getX(), inHole.getY())).isInstanceOf(Placement.Outside.class);
    }

    @Test
    void enclaveInAHoleBelongsToTheInnerCountyNotTheOuterOne() {
        // the approximate data gives a detached piece of 桓台县 that lies in a hole of 邹平市
        Geometry zouping = shandong.boundary("371681");
        Point enclave = zouping.getFactory().createPoint(new Coordinate(117.94014, 36.920597));
        Polygon outer = (Polygon) zouping.getGeometryN(0);
        assertThat(outer.getNumInteriorRing()).isEqualTo(1);
        assertThat(outer.getFactory().createPolygon(outer.getInteriorRingN(0).getCoordinates()).covers(enclave))
                .isTrue();

        assertThat(locator.locate(enclave.getX(), enclave.getY())).isInstanceOfSatisfying(Placement.Inside.class,
                inside -> assertThat(inside.county().adcode()).isEqualTo("370321"));
        assertThat(locator.locate(117.95, 36.92)).isInstanceOfSatisfying(Placement.Inside.class,
                inside -> assertThat(inside.county().adcode()).isEqualTo("371681"));
    }

    @Test
    void aPointOnASharedBorderGoesToTheLowerAdcodeAndIsMarkedOnBorder() {
        // 牟平区 (烟台) and 环翠区 (威海) share a stretch of city border with many vertices
        Geometry muping = shandong.boundary("370612");
        Geometry huancui = shandong.boundary("371002");
        Coordinate[] shared = muping.getBoundary().intersection(huancui.getBoundary()).getCoordinates();
        assertThat(shared.length).isGreaterThan(4);
        Coordinate onBorder = shared[shared.length / 2];
        Point p = muping.getFactory().createPoint(onBorder);
        assertThat(muping.covers(p) && huancui.covers(p)).as("a real tie").isTrue();

        Placement expected = new Placement.Inside(county("370612"), county("370600"), county("370000"), true);
        for (int i = 0; i < 3; i++) {
            assertThat(locator.locate(onBorder.x, onBorder.y)).isEqualTo(expected);
        }
    }

    @Test
    void invalidCoordinatesAreOutsideWithAReasonNotAnException() {
        assertThat(locator.locate(Double.NaN, 36.0)).isInstanceOfSatisfying(Placement.Outside.class,
                o -> assertThat(o.reason()).contains("longitude NaN"));
        assertThat(locator.locate(117.0, Double.NaN)).isInstanceOfSatisfying(Placement.Outside.class,
                o -> assertThat(o.reason()).contains("latitude NaN"));
        assertThat(locator.locate(Double.POSITIVE_INFINITY, 36.0)).isInstanceOf(Placement.Outside.class);
        assertThat(locator.locate(181.0, 36.0)).isInstanceOfSatisfying(Placement.Outside.class,
                o -> assertThat(o.reason()).contains("longitude 181.0").contains("[-180, 180]"));
        assertThat(locator.locate(117.0, -90.5)).isInstanceOfSatisfying(Placement.Outside.class,
                o -> assertThat(o.reason()).contains("latitude -90.5").contains("[-90, 90]"));
    }

    @Test
    void theIndexKeepsPolygonTestsToAFewCandidates() {
        int counties = shandong.tree().counties().size();
        double[][] points = {{117.020, 36.661}, {120.384, 36.062}, {118.330, 35.100}, {120.737, 37.918}};
        for (double[] p : points) {
            long before = locator.polygonTests();
            locator.locate(p[0], p[1]);
            long tested = locator.polygonTests() - before;
            assertThat(tested).as("polygons tested for %s", p).isBetween(1L, 6L).isLessThan(counties / 10);
        }
        long before = locator.polygonTests();
        locator.locate(116.397, 39.909);
        assertThat(locator.polygonTests() - before).as("Beijing is beyond every county's envelope").isZero();
    }

    @Test
    void nearestCountyIsEmptyFarOutAtSea() {
        assertThat(locator.nearestCounty(123.5, 35.0, 1_000)).isEmpty();
        assertThat(locator.nearestCounty(117.020, 36.661, 0)).map(Jurisdiction::adcode).contains("370102");
    }

    @Test
    void acceptsTheWireGeoPoint() {
        Placement placement = locator.locate(cn.emcc.protocols.v1.GeoPoint.newBuilder()
                .setLongitude(120.384).setLatitude(36.062).build());

        assertThat(placement).isInstanceOfSatisfying(Placement.Inside.class,
                inside -> assertThat(inside.county().adcode()).isEqualTo("370202"));
    }

    private Jurisdiction county(String adcode) {
        return shandong.tree().get(adcode).orElseThrow();
    }
}
