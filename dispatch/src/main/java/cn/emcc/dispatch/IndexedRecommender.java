package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.travel.TravelTimeModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The recommender for production: searches each capability's grid in
 * square rings outward from the incident and stops as soon as no unit in
 * the next ring could rank among the best {@code k} found so far (its
 * ETA lower bound at the ring's minimum distance exceeds the k-th best rank)
 * or could arrive within the limit. Gives exactly the answer of
 * {@link BruteForceRecommender}, reasons included.
 */
public final class IndexedRecommender implements Recommender {

    private final UnitBoard board;
    private final JurisdictionTree tree;
    private final RecommenderSettings settings;

    public IndexedRecommender(UnitBoard board, JurisdictionTree tree, RecommenderSettings settings) {
        this.board = board;
        this.tree = tree;
        this.settings = settings;
    }

    @Override
    public Recommendation recommend(RecommendationRequest request, TravelTimeModel model) {
        RankingCore core = new RankingCore(request, model, tree, settings);
        return core.recommend((capability, eligible, k) -> search(core, capability, eligible, k));
    }

    private List<Scored> search(RankingCore core, Capability capability, Predicate<Unit> eligible, int k) {
        CapabilityGrid grid = board.grid(capability);
        List<Scored> examined = new ArrayList<>();
        // the k best ranks among selectable units so far, ascending; +∞ until k are found
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (Unit u : grid.outside()) {
            consider(core, core.score(u, core.distanceMetres(u)), eligible, examined, best);
        }
        int column = grid.column(core.incidentLon);
        int row = grid.row(core.incidentLat);
        List<Unit> ring = new ArrayList<>();
        for (int r = 0; !grid.beyondGrid(column, row, r); r++) {
            double bound = core.lowerBoundSeconds(capability,
                    grid.minimumMetres(core.incidentLon, core.incidentLat, column, row, r));
            if (bound > best[k - 1] || bound > core.maxEtaSeconds) {
                break;
            }
            ring.clear();
            grid.ring(column, row, r, ring);
            for (Unit u : ring) {
                consider(core, core.score(u, core.distanceMetres(u)), eligible, examined, best);
            }
        }
        return examined;
    }

    private static void consider(RankingCore core, Scored s, Predicate<Unit> eligible, List<Scored> examined,
                                 double[] best) {
        examined.add(s);
        if (!core.selectable(s, eligible) || s.rankSeconds() >= best[best.length - 1]) {
            return;
        }
        int i = best.length - 1;
        while (i > 0 && best[i - 1] > s.rankSeconds()) {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = s.rankSeconds();
    }
}
