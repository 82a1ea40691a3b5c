package cn.emcc.command.situation;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WeatherWarning;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static cn.emcc.command.situation.Warnings.*;
import static cn.emcc.protocols.v1.WarningColour.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Which warnings cover a point: polygons, circles and GB/T 2260 codes, over real places of Shandong. */
class ActiveWarningsTest {

    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.load());
    /** 历下区 → 济南市 → 山东省. */
    private static final Set<String> LIXIA = Set.of("370102", "370100", "370000");
    /** 市南区 → 青岛市 → 山东省. */
    private static final Set<String> SHINAN = Set.of("370202", "370200", "370000");

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static ActiveWarnings of(WeatherWarning.Builder... warnings) {
        return new ActiveWarnings(T0, List.of(warnings).stream().map(w -> w.build().toByteArray()).toList());
    }

    private static WarningInForce red(String identifier) {
        return new WarningInForce(identifier, Hazard.HAZARD_RAINSTORM, WARNING_COLOUR_RED);
    }

    @Test
    void a_point_inside_a_polygon_is_covered_and_one_outside_is_not() {
        ActiveWarnings active = of(alert("A", WARNING_COLOUR_RED, T0, polygonArea(CENTRAL_JINAN)));

        assertThat(active.at(JINAN_LON, JINAN_LAT, Set.of())).containsExactly(red("A"));
        // 济南西站 lies west of the polygon's 116.90 E edge.
        assertThat(active.at(116.8906, 36.6710, Set.of())).isEmpty();
        assertThat(active.at(QINGDAO_LON, QINGDAO_LAT, SHINAN)).isEmpty();
    }

    @Test
    void a_point_on_the_polygon_edge_is_covered() {
        ActiveWarnings active = of(alert("A", WARNING_COLOUR_RED, T0, polygonArea(CENTRAL_JINAN)));

        assertThat(active.at(116.90, 36.66, Set.of())).containsExactly(red("A"));
    }

    @Test
    void a_point_in_the_bay_of_a_concave_polygon_is_not_covered() {
        // A "U" open to the north: 116.90–117.20 E × 36.55–36.75 N minus the notch 117.00–117.10 E above 36.60 N.
        ActiveWarnings active = of(alert("U", WARNING_COLOUR_RED, T0, polygonArea(ring(
                116.90, 36.55, 117.20, 36.55, 117.20, 36.75, 117.10, 36.75, 117.10, 36.60,
                117.00, 36.60, 117.00, 36.75, 116.90, 36.75, 116.90, 36.55))));

        assertThat(active.at(JINAN_LON, JINAN_LAT, Set.of())).isEmpty();
        assertThat(active.at(116.95, 36.66, Set.of())).containsExactly(red("U"));
        assertThat(active.at(117.15, 36.66, Set.of())).containsExactly(red("U"));
        assertThat(active.at(117.05, 36.57, Set.of())).containsExactly(red("U"));
    }

    @Test
    void a_point_within_the_circle_radius_is_covered_and_one_beyond_is_not() {
        ActiveWarnings active = of(alert("C", WARNING_COLOUR_RED, T0, circleArea(circle(JINAN_LON, JINAN_LAT, 20))));

        // 0.1° of longitude at 36.66 N is about 8.9 km; 0.25° about 22.3 km.
        assertThat(active.at(JINAN_LON + 0.1, JINAN_LAT, Set.of())).containsExactly(red("C"));
        assertThat(active.at(JINAN_LON + 0.25, JINAN_LAT, Set.of())).isEmpty();
        // 章丘 is some 45 km east.
        assertThat(active.at(117.5266, 36.6813, Set.of())).isEmpty();
    }

    @Test
    void a_point_in_a_named_division_is_covered_whatever_its_coordinates() {
        ActiveWarnings active = of(alert("J", WARNING_COLOUR_RED, T0, adcodeArea("370100")),
                alert("P", WARNING_COLOUR_RED, T0, adcodeArea("370000")));

        assertThat(active.at(JINAN_LON, JINAN_LAT, LIXIA)).containsExactly(red("J"), red("P"));
        assertThat(active.at(QINGDAO_LON, QINGDAO_LAT, SHINAN)).containsExactly(red("P"));
        assertThat(active.at(QINGDAO_LON, QINGDAO_LAT, Set.of())).isEmpty();
    }

    @Test
    void covering_warnings_come_in_identifier_order_whatever_order_they_were_given() {
        WarningArea jinan = polygonArea(CENTRAL_JINAN);
        ActiveWarnings active = of(alert("Z", WARNING_COLOUR_RED, T0, jinan), alert("B", WARNING_COLOUR_RED, T0, jinan),
                alert("M", WARNING_COLOUR_RED, T0, jinan));

        assertThat(active.at(JINAN_LON, JINAN_LAT, LIXIA)).extracting(WarningInForce::identifier)
                .containsExactly("B", "M", "Z");
    }

    @Test
    void it_crosses_the_cluster_as_bytes_and_arrives_with_working_geometry() {
        ActiveWarnings active = of(alert("A", WARNING_COLOUR_RED, T0, polygonArea(CENTRAL_JINAN)),
                alert("C", WARNING_COLOUR_ORANGE, T0, circleArea(circle(QINGDAO_LON, QINGDAO_LAT, 10))));

        ActiveWarnings copy = KIT.serializationTestKit().verifySerialization(active, true);

        assertThat(copy.asOf()).isEqualTo(T0);
        assertThat(copy.at(JINAN_LON, JINAN_LAT, Set.of())).containsExactly(red("A"));
        assertThat(copy.at(QINGDAO_LON, QINGDAO_LAT, Set.of())).extracting(WarningInForce::identifier).containsExactly("C");
    }

    @Test
    void one_degree_of_latitude_is_about_111_km() {
        assertThat(GreatCircle.distanceKm(117, 36, 117, 37)).isCloseTo(2 * Math.PI * GreatCircle.EARTH_RADIUS_KM / 360,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(GreatCircle.distanceKm(117, 36, 117, 37)).isBetween(111.1, 111.3);
    }
}
