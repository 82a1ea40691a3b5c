package cn.emcc.bench.recommend;

import cn.emcc.dispatch.RecommendationRequest;
import cn.emcc.dispatch.ResponsePlan;
import cn.emcc.dispatch.ResponsePlans;
import cn.emcc.dispatch.ShandongRoster;
import cn.emcc.dispatch.Unit;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.map.jurisdiction.Placement;
import cn.emcc.map.travel.LocalPlane;
import cn.emcc.map.travel.StraightLineTravelModel;
import cn.emcc.map.travel.TrafficSituation;
import cn.emcc.map.travel.UrbanRuralRoadFactor;
import cn.emcc.map.travel.VehicleSpeeds;
import cn.emcc.map.travel.WeatherSituation;
import cn.emcc.map.travel.WeatherSlowdowns;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WeatherWarning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The inputs of {@code ops/bench recommend}: exactly {@value #UNITS} units of
 * the generated Shandong roster at a higher density, a grade II building fire
 * plan, incidents near stations all over the province, and a live situation
 * (jams and a closure in 济南, an orange rainstorm warning over 济南) so the
 * travel model does its full work.
 */
final class RecommendScenario {

    static final int UNITS = 20_000;
    static final int INCIDENTS = 64;
    private static final long SEED = 20_000L;

    final Jurisdictions jurisdictions;
    final List<Unit> units;
    final ResponsePlan plan;
    final List<RecommendationRequest> requests;
    final StraightLineTravelModel model;

    private RecommendScenario(Jurisdictions jurisdictions, List<Unit> units, ResponsePlan plan,
                              List<RecommendationRequest> requests, StraightLineTravelModel model) {
        this.jurisdictions = jurisdictions;
        this.units = units;
        this.plan = plan;
        this.requests = requests;
        this.model = model;
    }

    static RecommendScenario build() {
        Jurisdictions js = JurisdictionLoader.loadDefault();
        List<Unit> units = roster(js, UNITS);
        ResponsePlan plan = ResponsePlans.loadDefault()
                .plan(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, Grade.GRADE_II).orElseThrow();
        Random random = new Random(SEED);
        List<RecommendationRequest> requests = new ArrayList<>();
        while (requests.size() < INCIDENTS) {
            Unit near = units.get(random.nextInt(units.size()));
            double lon = near.home().getLongitude() + (random.nextDouble() * 2 - 1) * 0.03;
            double lat = near.home().getLatitude() + (random.nextDouble() * 2 - 1) * 0.03;
            if (js.locator().locate(lon, lat) instanceof Placement.Inside inside) {
                requests.add(RecommendationRequest.of("INC-" + requests.size(), point(lon, lat),
                        inside.county().adcode(), plan));
            }
        }
        return new RecommendScenario(js, units, plan, List.copyOf(requests), model(js));
    }

    /** Exactly {@code count} units: the roster at the smallest density that has enough, thinned evenly by a seeded shuffle. */
    static List<Unit> roster(Jurisdictions js, int count) {
        for (double scale = 2.8; ; scale += 0.2) {
            List<Unit> all = ShandongRoster.generate(SEED, js, scale);
            if (all.size() >= count) {
                List<Unit> shuffled = new ArrayList<>(all);
                Collections.shuffle(shuffled, new Random(SEED));
                return List.copyOf(shuffled.subList(0, count));
            }
        }
    }

    private static StraightLineTravelModel model(Jurisdictions js) {
        LocalPlane plane = LocalPlane.SHANDONG;
        List<TrafficCondition> traffic = List.of(
                jam("TC-1", "经十路", 0.3, point(116.95, 36.655), point(117.20, 36.660)),
                jam("TC-2", "G2 京沪高速", 0.5, point(116.90, 36.50), point(117.10, 36.85)),
                jam("TC-3", "二环东路", 0.25, point(117.08, 36.60), point(117.09, 36.72)),
                TrafficCondition.newBuilder().setConditionId("TC-4").setRoadName("黄河大桥")
                        .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE)
                        .setSegment(LineString.newBuilder().addPoints(point(117.00, 36.72)).addPoints(point(117.02, 36.75)))
                        .build());
        WeatherWarning rain = WeatherWarning.newBuilder().setIdentifier("37010041600000_20260712083000")
                .setHazard(Hazard.HAZARD_RAINSTORM).setColour(WarningColour.WARNING_COLOUR_ORANGE)
                .addAreas(WarningArea.newBuilder().setDescription("济南市").addAdcodes("370100")).build();
        return new StraightLineTravelModel(
                UrbanRuralRoadFactor.byDistricts(js, UrbanRuralRoadFactor.DEFAULT_URBAN, UrbanRuralRoadFactor.DEFAULT_RURAL),
                VehicleSpeeds.defaults(), TrafficSituation.of(traffic, plane),
                WeatherSituation.of(List.of(rain), code -> Optional.ofNullable(js.boundary(code)),
                        WeatherSlowdowns.loadDefault(), plane));
    }

    private static TrafficCondition jam(String id, String road, double factor, GeoPoint from, GeoPoint to) {
        return TrafficCondition.newBuilder().setConditionId(id).setRoadName(road)
                .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION).setSpeedFactor(factor)
                .setSegment(LineString.newBuilder().addPoints(from).addPoints(to)).build();
    }

    static GeoPoint point(double lon, double lat) {
        return GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat).build();
    }
}
