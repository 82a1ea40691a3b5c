package cn.emcc.command.situation;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.map.jurisdiction.Placement;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WeatherWarning;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static cn.emcc.command.situation.Warnings.*;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_RED;
import static org.assertj.core.api.Assertions.assertThat;

/** A warning's area → the counties it touches, against the real Shandong boundaries. */
class WarningCountiesTest {

    private static final Jurisdictions SHANDONG = JurisdictionLoader.loadDefault();
    private static final WarningCounties COUNTIES = new WarningCounties(SHANDONG);

    private static WeatherWarning warning(WarningArea... areas) {
        WeatherWarning.Builder w = alert("w", WARNING_COLOUR_RED, T0, areas[0]);
        for (int i = 1; i < areas.length; i++) {
            w.addAreas(areas[i]);
        }
        return w.build();
    }

    private static String countyAt(double lon, double lat) {
        return ((Placement.Inside) SHANDONG.locator().locate(lon, lat)).county().adcode();
    }

    @Test
    void a_polygon_over_central_jinan_touches_lixia_and_only_jinan_counties() {
        Set<String> touched = COUNTIES.of(warning(polygonArea(CENTRAL_JINAN)));

        assertThat(touched).contains(countyAt(JINAN_LON, JINAN_LAT)).contains("370102");
        assertThat(touched).allSatisfy(c -> assertThat(c).startsWith("3701"));
        assertThat(touched).doesNotContain(countyAt(QINGDAO_LON, QINGDAO_LAT));
    }

    @Test
    void the_index_finds_exactly_the_counties_a_check_of_every_boundary_finds() {
        Random random = new Random(20260712);
        int touchingSome = 0;
        for (int i = 0; i < 40; i++) {
            double lon = 114.8 + random.nextDouble() * 8;
            double lat = 34.4 + random.nextDouble() * 3.8;
            double w = 0.02 + random.nextDouble() * 0.6;
            double h = 0.02 + random.nextDouble() * 0.6;
            WeatherWarning box = warning(polygonArea(ring(lon, lat, lon + w, lat, lon + w, lat + h, lon, lat + h, lon, lat)));
            Geometry area = WarningGeometry.polygon(box.getAreas(0).getPolygons(0), "box");

            Set<String> everyBoundary = SHANDONG.tree().counties().stream().map(Jurisdiction::adcode)
                    .filter(c -> SHANDONG.boundary(c).intersects(area))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(COUNTIES.of(box)).as("box %d at %.3f, %.3f", i, lon, lat).isEqualTo(everyBoundary);
            touchingSome += everyBoundary.isEmpty() ? 0 : 1;
        }
        assertThat(touchingSome).as("boxes that touch the province at all").isGreaterThan(20);
    }

    @Test
    void a_circle_touches_the_county_at_its_centre_and_every_county_it_reaches_into() {
        double radiusKm = 15;
        Set<String> touched = COUNTIES.of(warning(circleArea(circle(JINAN_LON, JINAN_LAT, radiusKm))));

        assertThat(touched).contains("370102");
        for (int bearing = 0; bearing < 360; bearing += 10) {
            double[] p = GreatCircle.destination(JINAN_LON, JINAN_LAT, bearing, radiusKm * 0.98);
            assertThat(touched).as("bearing %d", bearing).contains(countyAt(p[0], p[1]));
        }
        assertThat(touched).as("15 km from 泉城广场 stays in Jinan").allSatisfy(c -> assertThat(c).startsWith("3701"));
    }

    @Test
    void a_small_circle_in_qingdao_touches_shinan_only() {
        assertThat(COUNTIES.of(warning(circleArea(circle(QINGDAO_LON, QINGDAO_LAT, 0.5))))).containsExactly("370202");
    }

    @Test
    void divisions_stand_for_all_their_counties() {
        Set<String> jinanCounties = SHANDONG.tree().children("370100").stream().map(Jurisdiction::adcode)
                .collect(Collectors.toSet());

        assertThat(COUNTIES.of(warning(adcodeArea("370100")))).isEqualTo(jinanCounties);
        assertThat(COUNTIES.of(warning(adcodeArea("370202")))).containsExactly("370202");
        assertThat(COUNTIES.of(warning(adcodeArea("370000")))).hasSize(SHANDONG.tree().counties().size());
        assertThat(COUNTIES.of(warning(adcodeArea("110000", "110101")))).as("Beijing is not ours").isEmpty();
    }

    @Test
    void all_areas_of_a_warning_count_together() {
        Set<String> touched = COUNTIES.of(warning(polygonArea(CENTRAL_JINAN),
                circleArea(circle(QINGDAO_LON, QINGDAO_LAT, 0.5))));

        assertThat(touched).contains("370102", "370202");
    }

    @Test
    void an_area_out_at_sea_or_beyond_the_province_touches_nothing() {
        assertThat(COUNTIES.of(warning(circleArea(circle(124.5, 35.5, 20))))).isEmpty();
        assertThat(COUNTIES.of(warning(polygonArea(ring(116.2, 39.8, 116.6, 39.8, 116.6, 40.1, 116.2, 40.1))))).isEmpty();
    }
}
