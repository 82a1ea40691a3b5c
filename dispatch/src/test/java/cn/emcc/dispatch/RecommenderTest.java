package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.travel.LocalPlane;
import cn.emcc.map.travel.StraightLineTravelModel;
import cn.emcc.map.travel.TrafficSituation;
import cn.emcc.map.travel.TravelTimeModel;
import cn.emcc.map.travel.WeatherSituation;
import cn.emcc.map.travel.WeatherSlowdowns;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.UnitStatus;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WeatherWarning;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recommendation cases around an incident in 历下区 (济南), with units placed by hand.
 * Every case runs on the indexed and the brute-force recommender and checks they agree.
 */
class RecommenderTest {

    private static final JurisdictionTree TREE = Geography.shandong().tree();
    private static final String LIXIA = "370102";
    private static final String JINAN = "370100";
    private static final double LON = 117.07;
    private static final double LAT = 36.67;
    private static final StraightLineTravelModel CLEAR = StraightLineTravelModel.simple(1.3);

    private static final String NEIGHBOUR = TREE.neighbours(LIXIA).stream()
            .filter(j -> j.parentAdcode().equals(JINAN)).map(Jurisdiction::adcode).findFirst().orElseThrow();
    private static final Jurisdiction OTHER_CITY_COUNTY = TREE.counties().stream()
            .filter(j -> j.parentAdcode().equals("370300")).findFirst().orElseThrow();

    private static GeoPoint p(double lon, double lat) {
        return GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat).build();
    }

    /** A unit {@code km} kilometres north of the incident (negative: south), in a county. */
    private static Unit unit(String id, UnitType type, String county, double kmNorth, double kmEast) {
        String city = TREE.get(county).orElseThrow().parentAdcode();
        return Unit.atHome(id, type, id + " station", county, city,
                p(LON + kmEast / (111.195 * Math.cos(Math.toRadians(LAT))), LAT + kmNorth / 111.195));
    }

    private static ResponsePlan plan(PlanRequirement... requirements) {
        return new ResponsePlan(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, Grade.GRADE_III, List.of(requirements));
    }

    private static Recommendation recommend(List<Unit> units, ResponsePlan plan, TravelTimeModel model,
                                            Set<String> excluded) {
        UnitBoard board = UnitBoard.shandong(units);
        RecommendationRequest request = new RecommendationRequest("INC-1", p(LON, LAT), LIXIA, plan, excluded);
        Recommendation indexed = new IndexedRecommender(board, TREE, RecommenderSettings.defaults()).recommend(request, model);
        Recommendation brute = new BruteForceRecommender(board, TREE, RecommenderSettings.defaults()).recommend(request, model);
        assertThat(indexed).isEqualTo(brute);
        return indexed;
    }

    private static Recommendation recommend(List<Unit> units, ResponsePlan plan, TravelTimeModel model) {
        return recommend(units, plan, model, Set.of());
    }

    private static List<String> proposedIds(Recommendation r) {
        return r.proposed().stream().map(c -> c.unit().unitId()).toList();
    }

    @Test
    void theNearestAvailableUnitsOfTheRightCapabilityAreProposedInOrderOfArrival() {
        List<Unit> units = List.of(
                unit("E-far", UnitType.PUMPER_ENGINE, LIXIA, 6, 0),
                unit("E-near", UnitType.PUMPER_ENGINE, LIXIA, 2, 0),
                unit("E-mid", UnitType.PUMPER_ENGINE, LIXIA, 0, 4),
                unit("E-broken", UnitType.PUMPER_ENGINE, LIXIA, 1, 0).withStatus(UnitStatus.UNIT_STATUS_OUT_OF_SERVICE),
                unit("P-1", UnitType.PATROL_CAR, LIXIA, 0.5, 0));
        Recommendation r = recommend(units, plan(new PlanRequirement(Capability.FIRE_SUPPRESSION, 2)), CLEAR);

        RequirementRecommendation fire = r.requirements().get(0);
        assertThat(fire.proposed()).extracting(c -> c.unit().unitId()).containsExactly("E-near", "E-mid");
        assertThat(fire.alternates()).extracting(c -> c.unit().unitId()).containsExactly("E-far");
        assertThat(fire.shortfall()).isZero();
        assertThat(fire.proposed().get(0).etaSeconds()).isLessThan(fire.proposed().get(1).etaSeconds());
        assertThat(fire.proposed().get(0).reason()).startsWith("proposed: 水罐消防车 of E-near station, own county; ETA ");
        // the same reason as phrases for the console: what, whose, which tier, then the ETA
        assertThat(fire.proposed().get(0).reasonPhrases()).extracting(Phrase::code)
                .startsWith("reason.proposed", "reason.eta");
        assertThat(fire.proposed().get(0).reasonPhrases().get(0).args()).containsEntry("unit_type", "PUMPER_ENGINE")
                .containsEntry("station", "E-near station").containsEntry("tier", "OWN_COUNTY");
        assertThat(fire.alternates().get(0).reasonPhrases().get(0).code()).isEqualTo("reason.alternate");
        assertThat(r.isComplete()).isTrue();
        assertThat(r.mutualAid()).isEmpty();
    }

    @Test
    void aClosureOnTheWayRulesAUnitOutAndItsReasonSaysSo() {
        List<Unit> units = List.of(
                unit("E-north", UnitType.PUMPER_ENGINE, LIXIA, 2, 0),
                unit("E-south", UnitType.PUMPER_ENGINE, LIXIA, -5, 0));
        // a closed road running east-west 1 km north of the incident
        TrafficCondition closure = TrafficCondition.newBuilder().setConditionId("TC-1").setRoadName("经十路")
                .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE)
                .setSegment(LineString.newBuilder().addPoints(p(LON - 0.1, LAT + 0.009)).addPoints(p(LON + 0.1, LAT + 0.009)))
                .build();
        StraightLineTravelModel model = CLEAR.withTraffic(TrafficSituation.of(List.of(closure), LocalPlane.SHANDONG));

        Recommendation r = recommend(units, plan(new PlanRequirement(Capability.FIRE_SUPPRESSION, 1)), model);

        assertThat(proposedIds(r)).containsExactly("E-south");
        assertThat(r.requirements().get(0).alternates()).isEmpty();
        assertThat(r.proposed().get(0).reason())
                .contains("nearer but passed over: E-north (2.0 km) cannot get there: the straight way crosses closure 经十路 (TC-1)");
    }

    @Test
    void congestionCanMakeAFartherUnitTheFaster() {
        List<Unit> units = List.of(
                unit("E-jammed", UnitType.PUMPER_ENGINE, LIXIA, 3, 0),
                unit("E-free", UnitType.PUMPER_ENGINE, LIXIA, 0, -4));
        TrafficCondition jam = TrafficCondition.newBuilder().setConditionId("TC-2").setRoadName("历山路")
                .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION).setSpeedFactor(0.2)
                .setSegment(LineString.newBuilder().addPoints(p(LON, LAT)).addPoints(p(LON, LAT + 0.05))).build();

        assertThat(proposedIds(recommend(units, plan(new PlanRequirement(Capability.FIRE_SUPPRESSION, 1)), CLEAR)))
                .containsExactly("E-jammed");
        Recommendation jammed = recommend(units, plan(new PlanRequirement(Capability.FIRE_SUPPRESSION, 1)),
                CLEAR.withTraffic(TrafficSituation.of(List.of(jam), LocalPlane.SHANDONG)));
        assertThat(proposedIds(jammed)).containsExactly("E-free");
        assertThat(jammed.proposed().get(0).reason())
                .contains("E-jammed (3.0 km) ranks later: ETA").contains("congestion 历山路 (TC-2)");
    }

    @Test
    void aWeatherWarningSlowsTheUnitsThatDriveThroughIt() {
        List<Unit> units = List.of(
                unit("E-west", UnitType.PUMPER_ENGINE, LIXIA, 0, -3),
                unit("E-east", UnitType.PUMPER_ENGINE, LIXIA, 0, 3.2));
        // a red road-icing warning over everything west of the incident
        WarningArea west = WarningArea.newBuilder().addPolygons(Polygon.newBuilder()
                .addRing(p(LON - 0.5, LAT - 0.5)).addRing(p(LON - 0.001, LAT - 0.5)).addRing(p(LON - 0.001, LAT + 0.5))
                .addRing(p(LON - 0.5, LAT + 0.5)).addRing(p(LON - 0.5, LAT - 0.5))).build();
        WeatherWarning icing = WeatherWarning.newBuilder().setIdentifier("W-1").setHazard(Hazard.HAZARD_ROAD_ICING)
                .setColour(WarningColour.WARNING_COLOUR_RED).addAreas(west).build();
        StraightLineTravelModel model = CLEAR.withWeather(WeatherSituation.of(List.of(icing), c -> Optional.empty(),
                WeatherSlowdowns.loadDefault(), LocalPlane.SHANDONG));

        assertThat(proposedIds(recommend(units, plan(new PlanRequirement(Capability.FIRE_SUPPRESSION, 1)), CLEAR)))
                .containsExactly("E-west");
        Recommendation iced = recommend(units, plan(new PlanRequirement(Capability.FIRE_SUPPRESSION, 1)), model);
        assertThat(proposedIds(iced)).containsExactly("E-east");
        assertThat(iced.proposed().get(0).reason()).contains("E-west (3.0 km) ranks later").contains("red road icing warning (W-1)");
        assertThat(iced.proposed().get(0).reasonPhrases())
                .anySatisfy(p -> assertThat(p).isEqualTo(PhraseCode.PASSED_OVER_LATER.with("E-west", "3.0",
                        p.args().get("minutes"))))
                .anySatisfy(p -> assertThat(p.code()).isEqualTo("reason.delay"));
    }

    @Test
    void mutualAidFillsWhatTheOwnCountyLacks() {
        List<Unit> units = List.of(
                unit("L-own", UnitType.AERIAL_LADDER_TRUCK, LIXIA, 4, 0),
                unit("L-neighbour", UnitType.AERIAL_LADDER_TRUCK, NEIGHBOUR, 8, 0),
                unit("L-other-city", UnitType.AERIAL_LADDER_TRUCK, OTHER_CITY_COUNTY.adcode(), 7, 0));
        Recommendation r = recommend(units, plan(new PlanRequirement(Capability.AERIAL_LADDER, 2)), CLEAR);

        RequirementRecommendation ladders = r.requirements().get(0);
        // the other city's ladder is nearer, but not by the 10 minutes that would justify aid across cities
        assertThat(ladders.proposed()).extracting(c -> c.unit().unitId()).containsExactly("L-own", "L-neighbour");
        assertThat(ladders.proposed()).extracting(Candidate::tier)
                .containsExactly(JurisdictionTier.OWN_COUNTY, JurisdictionTier.SAME_CITY_NEIGHBOUR);
        assertThat(ladders.alternates()).extracting(c -> c.unit().unitId()).containsExactly("L-other-city");
        assertThat(r.mutualAid()).containsExactly(new MutualAidNeed(NEIGHBOUR, JINAN,
                JurisdictionTier.SAME_CITY_NEIGHBOUR, Capability.AERIAL_LADDER, List.of("L-neighbour")));
        assertThat(ladders.proposed().get(1).reason()).contains("mutual aid from").contains("L-other-city (7.0 km) ranks later")
                .contains("another city +600 s preference");
    }

    @Test
    void theOwnCountyWinsUnlessAnotherIsFasterByMoreThanThePreference() {
        // a neighbour's engine 1 km away against the own county's 2.5 km (156 s slower, under 180 s): own county wins
        List<Unit> close = List.of(
                unit("E-own", UnitType.PUMPER_ENGINE, LIXIA, 2.5, 0),
                unit("E-neighbour", UnitType.PUMPER_ENGINE, NEIGHBOUR, 1, 0));
        assertThat(proposedIds(recommend(close, plan(new PlanRequirement(Capability.FIRE_SUPPRESSION, 1)), CLEAR)))
                .containsExactly("E-own");
        // against the own county's 12 km (about 18 min slower): the neighbour wins
        List<Unit> far = List.of(
                unit("E-own", UnitType.PUMPER_ENGINE, LIXIA, 12, 0),
                unit("E-neighbour", UnitType.PUMPER_ENGINE, NEIGHBOUR, 1, 0));
        assertThat(proposedIds(recommend(far, plan(new PlanRequirement(Capability.FIRE_SUPPRESSION, 1)), CLEAR)))
                .containsExactly("E-neighbour");
    }

    @Test
    void aShortfallIsReportedWhenTooFewUnitsExist() {
        List<Unit> units = List.of(unit("B-1", UnitType.FLOOD_BOAT_TEAM, LIXIA, 5, 5));
        Recommendation r = recommend(units, plan(new PlanRequirement(Capability.FLOOD_BOAT, 3)), CLEAR);
        assertThat(r.requirements().get(0).shortfall()).isEqualTo(2);
        assertThat(r.isComplete()).isFalse();
    }

    @Test
    void aUnitIsProposedForOneRequirementOnlyAndExcludedUnitsAreSkipped() {
        // the flood boat team can rescue too; it is taken for FLOOD_BOAT first and not again for RESCUE
        List<Unit> units = List.of(
                unit("B-1", UnitType.FLOOD_BOAT_TEAM, LIXIA, 1, 0),
                unit("R-1", UnitType.RESCUE_TRUCK, LIXIA, 3, 0),
                unit("R-2", UnitType.RESCUE_TRUCK, LIXIA, 2, 0));
        ResponsePlan flood = plan(new PlanRequirement(Capability.FLOOD_BOAT, 1), new PlanRequirement(Capability.RESCUE, 1));
        Recommendation r = recommend(units, flood, CLEAR, Set.of("R-2"));
        assertThat(proposedIds(r)).containsExactly("B-1", "R-1");
        assertThat(r.requirements().get(1).proposed().get(0).reason())
                .contains("B-1 (1.0 km) already proposed for FLOOD_BOAT")
                .contains("R-2 (2.0 km) excluded for this incident");
    }

    @Test
    void theSameInputsGiveTheSameRecommendation() {
        List<Unit> roster = ShandongRoster.loadDefault();
        ResponsePlan plan = ResponsePlans.loadDefault()
                .plan(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, Grade.GRADE_II).orElseThrow();
        RecommendationRequest request = RecommendationRequest.of("INC-2", p(LON, LAT), LIXIA, plan);
        Recommendation first = new IndexedRecommender(UnitBoard.shandong(roster), TREE, RecommenderSettings.defaults())
                .recommend(request, CLEAR);
        List<Unit> reversed = new java.util.ArrayList<>(roster);
        java.util.Collections.reverse(reversed);
        Recommendation second = new IndexedRecommender(UnitBoard.shandong(reversed), TREE, RecommenderSettings.defaults())
                .recommend(request, CLEAR);
        assertThat(second).isEqualTo(first);
        assertThat(first.proposed()).hasSize(plan.totalUnits());
    }
}
