package cn.emcc.bench.recommend;

import cn.emcc.bench.BenchmarkCase;
import cn.emcc.bench.JmhSettings;
import cn.emcc.bench.ResultLine;
import cn.emcc.bench.ResultLine.Figure;
import cn.emcc.dispatch.BruteForceRecommender;
import cn.emcc.dispatch.IndexedRecommender;
import cn.emcc.dispatch.Recommendation;
import cn.emcc.dispatch.RecommendationRequest;
import cn.emcc.dispatch.Recommender;
import cn.emcc.dispatch.RecommenderSettings;
import cn.emcc.dispatch.UnitBoard;

import java.util.List;
import java.util.Locale;

/**
 * {@code ops/bench recommend}: one incident's full recommendation (a grade II
 * building fire: eight capabilities, 24 units) over 20,000 units, by the
 * indexed recommender and, in the same JVM on the same inputs, by the brute
 * scan of every unit. A plain timing loop rather than JMH, because the figure
 * is a latency percentile per call: each sample is one {@code recommend}
 * call timed with {@code System.nanoTime()}; the two alternate so that both
 * see the same machine load. Refuses to measure unless both give the same
 * answer for every incident.
 */
public final class RecommendCase implements BenchmarkCase {

    /** Samples of the indexed recommender per brute-force sample (the brute force is far slower). */
    private static final int INDEXED_PER_BRUTE = 10;

    @Override
    public String name() {
        return "recommend";
    }

    @Override
    public String description() {
        return "p50/p99 of one grade II building fire recommendation over 20,000 units; peer: brute-force scan";
    }

    @Override
    public ResultLine run(JmhSettings settings) {
        long t0 = System.nanoTime();
        RecommendScenario scenario = RecommendScenario.build();
        UnitBoard board = UnitBoard.shandong(scenario.units);
        RecommenderSettings rs = RecommenderSettings.defaults();
        Recommender indexed = new IndexedRecommender(board, scenario.jurisdictions.tree(), rs);
        Recommender brute = new BruteForceRecommender(board, scenario.jurisdictions.tree(), rs);
        List<RecommendationRequest> requests = scenario.requests;
        System.out.printf(Locale.ROOT, "   %d units, %d incidents, plan %s (%d units), set up in %.1f s%n",
                board.size(), requests.size(), scenario.plan.requirements(), scenario.plan.totalUnits(),
                (System.nanoTime() - t0) / 1e9);

        for (RecommendationRequest r : requests) {
            Recommendation a = indexed.recommend(r, scenario.model);
            Recommendation b = brute.recommend(r, scenario.model);
            if (!a.equals(b)) {
                throw new IllegalStateException("indexed and brute-force recommendations differ for " + r.incidentId()
                        + " at " + r.location() + "; refusing to time different answers");
            }
        }

        long warmupNanos = (long) settings.warmupIterations() * settings.warmupSeconds() * 2_000_000_000L;
        int bruteSamples = 60 * settings.iterations() * settings.iterationSeconds() + 120;
        System.out.printf(Locale.ROOT, "   warmup %.0f s, then %d brute-force and %d indexed samples%n",
                warmupNanos / 1e9, bruteSamples, bruteSamples * INDEXED_PER_BRUTE);
        long end = System.nanoTime() + warmupNanos;
        int i = 0;
        while (System.nanoTime() < end) {
            RecommendationRequest r = requests.get(i++ % requests.size());
            for (int k = 0; k < INDEXED_PER_BRUTE; k++) {
                indexed.recommend(r, scenario.model);
            }
            brute.recommend(r, scenario.model);
        }

        long[] ours = new long[bruteSamples * INDEXED_PER_BRUTE];
        long[] peer = new long[bruteSamples];
        int sink = 0;
        for (int s = 0; s < bruteSamples; s++) {
            RecommendationRequest r = requests.get(s % requests.size());
            for (int k = 0; k < INDEXED_PER_BRUTE; k++) {
                long start = System.nanoTime();
                sink += indexed.recommend(r, scenario.model).proposed().size();
                ours[s * INDEXED_PER_BRUTE + k] = System.nanoTime() - start;
            }
            long start = System.nanoTime();
            sink += brute.recommend(r, scenario.model).proposed().size();
            peer[s] = System.nanoTime() - start;
            if (s % 60 == 59) {
                System.out.print('.');
                System.out.flush();
            }
        }
        System.out.println();
        Percentiles o = new Percentiles(ours, ours.length);
        Percentiles p = new Percentiles(peer, peer.length);
        System.out.printf(Locale.ROOT, "   %-12s %8s %10s %10s %10s%n", "", "samples", "p50 us", "p99 us", "max us");
        System.out.printf(Locale.ROOT, "   %-12s %8d %10.1f %10.1f %10.1f%n", "indexed", o.count(),
                o.at(50) / 1e3, o.at(99) / 1e3, o.at(100) / 1e3);
        System.out.printf(Locale.ROOT, "   %-12s %8d %10.1f %10.1f %10.1f%n", "brute_force", p.count(),
                p.at(50) / 1e3, p.at(99) / 1e3, p.at(100) / 1e3);
        System.out.printf(Locale.ROOT, "   p50 ratio %.3f (units proposed in total: %d)%n",
                (double) o.at(50) / p.at(50), sink);
        return ResultLine.withPeer(name(), new Figure("p99", o.at(99) / 1e3, "us"),
                "brute_force", new Figure("p99", p.at(99) / 1e3, "us"));
    }
}
