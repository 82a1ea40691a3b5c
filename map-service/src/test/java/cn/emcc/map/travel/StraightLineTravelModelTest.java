package cn.emcc.map.travel;

import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StraightLineTravelModelTest {

    private static final LocalPlane PLANE = LocalPlane.SHANDONG;
    // 济南: a trip 0.1° of latitude due north, about 11.06 km
    private static final double LON = 117.0;
    private static final double LAT = 36.6;

    private static StraightLineTravelModel model(TrafficSituation traffic, WeatherSituation weather) {
        return new StraightLineTravelModel(RoadFactor.constant(1.3), VehicleSpeeds.defaults(), traffic, weather);
    }

    private static StraightLineTravelModel clear() {
        return model(TrafficSituation.none(PLANE), WeatherSituation.none(PLANE));
    }

    private static GeoPoint p(double lon, double lat) {
        return GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat).build();
    }

    private static TrafficCondition segment(String id, TrafficConditionType type, double speedFactor, GeoPoint... points) {
        TrafficCondition.Builder b = TrafficCondition.newBuilder().setConditionId(id).setType(type).setRoadName("G104")
                .setSegment(LineString.newBuilder().addAllPoints(List.of(points)));
        if (type != TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE) {
            b.setSpeedFactor(speedFactor);
        }
        return b.build();
    }

    private static Polygon square(double west, double south, double east, double north) {
        return Polygon.newBuilder().addRing(p(west, south)).addRing(p(east, south)).addRing(p(east, north))
                .addRing(p(west, north)).addRing(p(west, south)).build();
    }

    private static WeatherWarning warning(String id, Hazard hazard, WarningColour colour, WarningArea area) {
        return WeatherWarning.newBuilder().setIdentifier(id).setHazard(hazard).setColour(colour)
                .setMsgType(WarningMsgType.WARNING_MSG_TYPE_ALERT).addAreas(area).build();
    }

    private static WeatherSituation weather(WeatherWarning... warnings) {
        return WeatherSituation.of(List.of(warnings), code -> Optional.empty(), WeatherSlowdowns.loadDefault(), PLANE);
    }

    @Test
    void freeFlowTimeIsGreatCircleTimesRoadFactorOverTheSpeedOfTheVehicleClass() {
        TravelEstimate e = clear().estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.HEAVY).orElseThrow();

        double straight = GreatCircle.metres(LON, LAT, LON, LAT + 0.1);
        assertThat(straight).isCloseTo(11_119.5, within(5.0));
        assertThat(e.straightLineMetres()).isEqualTo(straight);
        assertThat(e.roadMetres()).isCloseTo(straight * 1.3, within(1e-6));
        assertThat(e.seconds()).isCloseTo(straight * 1.3 / (45 / 3.6), within(1e-6));
        assertThat(e.delays()).isEmpty();
    }

    @Test
    void heavierVehiclesTakeLonger() {
        StraightLineTravelModel m = clear();
        double light = m.estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT).orElseThrow().seconds();
        double heavy = m.estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.HEAVY).orElseThrow().seconds();
        double towing = m.estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.TOWING).orElseThrow().seconds();
        assertThat(light).isLessThan(heavy);
        assertThat(heavy).isLessThan(towing);
    }

    @Test
    void congestionAlongThePathSlowsTheShareOfThePathNearIt() {
        // a jam at 25 % of free speed on the northern half of the trip, along it
        TrafficCondition jam = segment("TC-1", TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION, 0.25,
                p(LON, LAT + 0.05), p(LON, LAT + 0.1));
        StraightLineTravelModel m = model(TrafficSituation.of(List.of(jam), PLANE), WeatherSituation.none(PLANE));

        TravelEstimate e = m.estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT).orElseThrow();

        // half the path plus the 300 m buffer beyond the jam's southern end is slowed 4×: delay 3 × that share
        double share = (0.05 * 110_574 + 300) / (0.1 * 110_574);
        assertThat(e.delays()).singleElement().satisfies(d -> {
            assertThat(d.cause()).isEqualTo("congestion G104 (TC-1)");
            assertThat(d.seconds()).isCloseTo(share * e.freeFlowSeconds() * 3, within(e.freeFlowSeconds() * 0.01));
        });
        assertThat(e.seconds()).isCloseTo(e.freeFlowSeconds() + e.delays().get(0).seconds(), within(1e-9));
    }

    @Test
    void congestionFartherThanTheBufferHasNoEffect() {
        // 0.01° of longitude ≈ 900 m east of the path, beyond the 300 m buffer
        TrafficCondition jam = segment("TC-2", TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION, 0.2,
                p(LON + 0.01, LAT), p(LON + 0.01, LAT + 0.1));
        StraightLineTravelModel m = model(TrafficSituation.of(List.of(jam), PLANE), WeatherSituation.none(PLANE));

        TravelEstimate e = m.estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT).orElseThrow();
        assertThat(e.delays()).isEmpty();
        assertThat(e.seconds()).isEqualTo(e.freeFlowSeconds());
    }

    @Test
    void aClosureAcrossTheStraightPathMakesTheTripImpossibleAndSaysWhy() {
        TrafficCondition closed = segment("TC-3", TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE, 0,
                p(LON - 0.05, LAT + 0.05), p(LON + 0.05, LAT + 0.05));
        StraightLineTravelModel m = model(TrafficSituation.of(List.of(closed), PLANE), WeatherSituation.none(PLANE));

        assertThat(m.estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT)).isEmpty();
        assertThat(m.whyImpossible(LON, LAT, LON, LAT + 0.1, VehicleClass.LIGHT))
                .isEqualTo("the straight way crosses closure G104 (TC-3)");
        // the same closure does not touch a trip that stays south of it
        assertThat(m.estimate(p(LON, LAT), p(LON + 0.1, LAT + 0.02), VehicleClass.LIGHT)).isPresent();
    }

    @Test
    void aClearedClosureNoLongerBlocks() {
        TrafficCondition cleared = segment("TC-4", TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE, 0,
                p(LON - 0.05, LAT + 0.05), p(LON + 0.05, LAT + 0.05)).toBuilder().setCleared(true).build();
        StraightLineTravelModel m = model(TrafficSituation.of(List.of(cleared), PLANE), WeatherSituation.none(PLANE));
        assertThat(m.estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT)).isPresent();
    }

    @Test
    void aClosedAreaBlocksEveryTripThatEntersIt() {
        TrafficCondition area = TrafficCondition.newBuilder().setConditionId("TC-5")
                .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE)
                .setArea(square(LON - 0.01, LAT + 0.09, LON + 0.01, LAT + 0.11)).build();
        StraightLineTravelModel m = model(TrafficSituation.of(List.of(area), PLANE), WeatherSituation.none(PLANE));
        assertThat(m.estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT)).isEmpty();
        assertThat(m.estimate(p(LON, LAT), p(LON + 0.1, LAT), VehicleClass.LIGHT)).isPresent();
    }

    @Test
    void aSlowdownWithoutASpeedIsRefusedNamingTheCondition() {
        TrafficCondition noSpeed = TrafficCondition.newBuilder().setConditionId("TC-6")
                .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_ICING)
                .setSegment(LineString.newBuilder().addPoints(p(LON, LAT)).addPoints(p(LON, LAT + 0.1))).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrafficSituation.of(List.of(noSpeed), PLANE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'TC-6'").hasMessageContaining("no speed");
    }

    @Test
    void insideAWarningTheRedColourSlowsMoreThanTheYellow() {
        WarningArea northHalf = WarningArea.newBuilder().setDescription("north")
                .addPolygons(square(LON - 0.2, LAT + 0.05, LON + 0.2, LAT + 0.3)).build();
        TravelEstimate yellow = model(TrafficSituation.none(PLANE), weather(warning("W-Y", Hazard.HAZARD_RAINSTORM,
                WarningColour.WARNING_COLOUR_YELLOW, northHalf)))
                .estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT).orElseThrow();
        TravelEstimate red = model(TrafficSituation.none(PLANE), weather(warning("W-R", Hazard.HAZARD_RAINSTORM,
                WarningColour.WARNING_COLOUR_RED, northHalf)))
                .estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT).orElseThrow();

        // half the path is inside: delay = 0.5 × free flow × (factor − 1), factors 1.15 and 1.70 from the table
        assertThat(yellow.delays()).singleElement().satisfies(d -> {
            assertThat(d.cause()).isEqualTo("yellow rainstorm warning (W-Y)");
            assertThat(d.seconds()).isCloseTo(0.5 * yellow.freeFlowSeconds() * 0.15, within(yellow.freeFlowSeconds() * 0.02));
        });
        assertThat(red.delays().get(0).seconds()).isCloseTo(0.5 * red.freeFlowSeconds() * 0.70,
                within(red.freeFlowSeconds() * 0.02));
        assertThat(red.seconds()).isGreaterThan(yellow.seconds());
    }

    @Test
    void warningAreasMayBeCirclesOrCodesResolvedByTheCaller() {
        WarningArea circle = WarningArea.newBuilder()
                .addCircles(Circle.newBuilder().setCenter(p(LON, LAT)).setRadiusKm(50)).build();
        WarningArea byCode = WarningArea.newBuilder().addAdcodes("370102").addAdcodes("379999").build();
        Geometry box = new GeometryFactory().toGeometry(new Envelope(LON - 1, LON + 1, LAT - 1, LAT + 1));
        WeatherSituation situation = WeatherSituation.of(List.of(
                        warning("W-C", Hazard.HAZARD_HEAVY_FOG, WarningColour.WARNING_COLOUR_ORANGE, circle),
                        warning("W-A", Hazard.HAZARD_ROAD_ICING, WarningColour.WARNING_COLOUR_RED, byCode)),
                code -> code.equals("370102") ? Optional.of(box) : Optional.empty(),
                WeatherSlowdowns.loadDefault(), PLANE);

        TravelEstimate e = model(TrafficSituation.none(PLANE), situation)
                .estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.LIGHT).orElseThrow();

        assertThat(e.delays()).extracting(TravelEstimate.Delay::cause)
                .containsExactly("red road icing warning (W-A)", "orange heavy fog warning (W-C)");
        // wholly inside both: factors 2.2 and 1.5 add up to 1 + 1.2 + 0.5
        assertThat(e.seconds()).isCloseTo(e.freeFlowSeconds() * 2.7, within(1e-6));
        assertThat(situation.unresolvedAdcodes()).containsExactly("379999");
    }

    @Test
    void aCancellationAndHarmlessHazardsDoNotSlowAnybody() {
        WarningArea everywhere = WarningArea.newBuilder().addPolygons(square(110, 30, 125, 40)).build();
        WeatherWarning heat = warning("W-H", Hazard.HAZARD_HEAT_WAVE, WarningColour.WARNING_COLOUR_RED, everywhere);
        WeatherWarning cancel = warning("W-X", Hazard.HAZARD_TYPHOON, WarningColour.WARNING_COLOUR_RED, everywhere)
                .toBuilder().setMsgType(WarningMsgType.WARNING_MSG_TYPE_CANCEL).build();
        assertThat(weather(heat, cancel).size()).isZero();
    }

    @Test
    void theLowerBoundNeverExceedsAnEstimate() {
        Random random = new Random(7);
        TrafficCondition jam = segment("TC-7", TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION, 0.3,
                p(116.8, 36.5), p(117.3, 36.8));
        WarningArea area = WarningArea.newBuilder().addPolygons(square(116.9, 36.4, 117.4, 36.9)).build();
        StraightLineTravelModel m = new StraightLineTravelModel(
                new UrbanRuralRoadFactor((lon, lat) -> lon < 117.0, 1.35, 1.25), VehicleSpeeds.defaults(),
                TrafficSituation.of(List.of(jam), PLANE),
                weather(warning("W-L", Hazard.HAZARD_BLIZZARD, WarningColour.WARNING_COLOUR_RED, area)));
        for (int i = 0; i < 2_000; i++) {
            double lon1 = 116.5 + random.nextDouble(), lat1 = 36.2 + random.nextDouble();
            double lon2 = 116.5 + random.nextDouble(), lat2 = 36.2 + random.nextDouble();
            VehicleClass v = VehicleClass.values()[random.nextInt(VehicleClass.values().length)];
            TravelEstimate e = m.estimate(lon1, lat1, lon2, lat2, v).orElseThrow();
            assertThat(m.lowerBoundSeconds(GreatCircle.metres(lon1, lat1, lon2, lat2), v))
                    .isLessThanOrEqualTo(e.seconds() + 1e-9);
        }
    }

    @Test
    void theSameInputsGiveTheSameEstimate() {
        TrafficCondition a = segment("TC-8", TrafficConditionType.TRAFFIC_CONDITION_TYPE_ACCIDENT, 0.5,
                p(LON, LAT), p(LON, LAT + 0.1));
        TrafficCondition b = segment("TC-9", TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONSTRUCTION, 0.7,
                p(LON, LAT + 0.02), p(LON, LAT + 0.08));
        TravelEstimate first = model(TrafficSituation.of(List.of(a, b), PLANE), WeatherSituation.none(PLANE))
                .estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.MEDIUM).orElseThrow();
        TravelEstimate second = model(TrafficSituation.of(List.of(b, a), PLANE), WeatherSituation.none(PLANE))
                .estimate(p(LON, LAT), p(LON, LAT + 0.1), VehicleClass.MEDIUM).orElseThrow();
        assertThat(second).isEqualTo(first);
        assertThat(first.delays()).hasSize(2);
    }

    @Test
    void speedsMustCoverEveryVehicleClass() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VehicleSpeeds.of(Map.of(VehicleClass.LIGHT, 60.0)))
                .hasMessageContaining("speed of MEDIUM is null");
    }

    @Test
    void aPointOnTheSpotIsZeroAway() {
        TravelEstimate e = clear().estimate(p(LON, LAT), p(LON, LAT), VehicleClass.HEAVY).orElseThrow();
        assertThat(e.seconds()).isZero();
    }
}
