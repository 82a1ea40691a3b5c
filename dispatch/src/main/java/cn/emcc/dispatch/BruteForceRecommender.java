package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.travel.TravelTimeModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores every available unit with the capability, with the same ranking as
 * {@link IndexedRecommender}: the benchmark's peer and the tests' oracle.
 */
public final class BruteForceRecommender implements Recommender {

    private final UnitBoard board;
    private final JurisdictionTree tree;
    private final RecommenderSettings settings;

    public BruteForceRecommender(UnitBoard board, JurisdictionTree tree, RecommenderSettings settings) {
        this.board = board;
        this.tree = tree;
        this.settings = settings;
    }

    @Override
    public Recommendation recommend(RecommendationRequest request, TravelTimeModel model) {
        RankingCore core = new RankingCore(request, model, tree, settings);
        java.util.Collection<Unit> all = board.view();
        return core.recommend((capability, eligible, k) -> {
            List<Scored> examined = new ArrayList<>();
            for (Unit u : all) {
                if (u.isAvailable() && u.capabilities().contains(capability)) {
                    examined.add(core.score(u, core.distanceMetres(u)));
                }
            }
            return examined;
        });
    }
}
