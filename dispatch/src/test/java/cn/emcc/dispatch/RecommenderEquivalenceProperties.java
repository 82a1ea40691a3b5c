package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.travel.LocalPlane;
import cn.emcc.map.travel.StraightLineTravelModel;
import cn.emcc.map.travel.TrafficSituation;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.UnitStatus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed recommender gives exactly the brute-force answer, reasons
 * included, on random rosters, incidents, plans, closures and jams.
 */
class RecommenderEquivalenceProperties {

    private static final JurisdictionTree TREE = Geography.shandong().tree();
    private static final List<Unit> ROSTER = ShandongRoster.loadDefault();
    private static final List<ResponsePlan> PLANS = ResponsePlans.loadDefault().all();

    @Property(tries = 60)
    void indexedEqualsBruteForce(@ForAll long seed, @ForAll @IntRange(min = 50, max = 100) int percentKept,
                                 @ForAll @IntRange(min = 0, max = 4) int closures,
                                 @ForAll @IntRange(min = 0, max = 4) int jams) {
        Random random = new Random(seed);
        UnitBoard board = UnitBoard.shandong();
        for (Unit u : ROSTER) {
            if (random.nextInt(100) >= percentKept) {
                continue;
            }
            Unit moved = random.nextInt(10) == 0 ? u.withPosition(near(u.position(), random, 0.2)) : u;
            board.put(random.nextInt(8) == 0 ? moved.withStatus(UnitStatus.UNIT_STATUS_EN_ROUTE) : moved);
        }
        List<Jurisdiction> counties = TREE.counties();
        Jurisdiction county = counties.get(random.nextInt(counties.size()));
        // the incident: at a random unit's home in that county, moved a little (or anywhere if none)
        GeoPoint at = ROSTER.stream().filter(u -> u.countyAdcode().equals(county.adcode())).findFirst()
                .map(u -> near(u.home(), random, 0.1)).orElse(GeoPoint.newBuilder().setLongitude(117).setLatitude(36.5).build());
        ResponsePlan plan = PLANS.get(random.nextInt(PLANS.size()));

        List<TrafficCondition> conditions = new ArrayList<>();
        for (int i = 0; i < closures + jams; i++) {
            boolean closure = i < closures;
            TrafficCondition.Builder b = TrafficCondition.newBuilder().setConditionId("TC-" + i)
                    .setType(closure ? TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE
                            : TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION)
                    .setSegment(LineString.newBuilder().addPoints(near(at, random, 0.15)).addPoints(near(at, random, 0.15)));
            if (!closure) {
                b.setSpeedFactor(0.1 + random.nextDouble() * 0.8);
            }
            conditions.add(b.build());
        }
        StraightLineTravelModel model = StraightLineTravelModel.simple(1.3)
                .withTraffic(TrafficSituation.of(conditions, LocalPlane.SHANDONG));
        Set<String> excluded = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            excluded.add(ROSTER.get(random.nextInt(ROSTER.size())).unitId());
        }
        RecommendationRequest request = new RecommendationRequest("INC", at, county.adcode(), plan, excluded);
        RecommenderSettings settings = new RecommenderSettings(java.time.Duration.ofSeconds(random.nextInt(600)),
                java.time.Duration.ofSeconds(random.nextInt(900)), java.time.Duration.ofSeconds(random.nextInt(1800)),
                random.nextInt(4), java.time.Duration.ofMinutes(20 + random.nextInt(200)));

        Recommendation indexed = new IndexedRecommender(board, TREE, settings).recommend(request, model);
        Recommendation brute = new BruteForceRecommender(board, TREE, settings).recommend(request, model);
        assertThat(indexed).isEqualTo(brute);
    }

    private static GeoPoint near(GeoPoint p, Random random, double degrees) {
        return GeoPoint.newBuilder().setLongitude(p.getLongitude() + (random.nextDouble() * 2 - 1) * degrees)
                .setLatitude(p.getLatitude() + (random.nextDouble() * 2 - 1) * degrees).build();
    }
}
