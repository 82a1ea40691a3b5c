package cn.emcc.bench.protocol;

import cn.emcc.protocols.v1.MessageKind;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** JMH scores of a per-kind benchmark, in nanoseconds per message, by method and kind. */
final class KindResults {

    private final Map<String, Double> nanos = new HashMap<>();

    KindResults(Collection<RunResult> results) {
        add(results);
    }

    KindResults add(Collection<RunResult> results) {
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String kind = result.getParams().getParam("kind");
            if (!result.getPrimaryResult().getScoreUnit().equals("ns/op")) {
                throw new IllegalStateException(benchmark + " scored in " + result.getPrimaryResult().getScoreUnit()
                        + "; expected ns/op");
            }
            nanos.put(key(method, kind), result.getPrimaryResult().getScore());
        }
        return this;
    }

    double nanos(String method, MessageKind kind) {
        return get(key(method, kind.name()));
    }

    /** A benchmark without the kind parameter, such as the mix. */
    double nanos(String method) {
        return get(key(method, null));
    }

    private double get(String key) {
        Double score = nanos.get(key);
        if (score == null) {
            throw new IllegalStateException("no JMH result for " + key + "; have " + nanos.keySet());
        }
        return score;
    }

    private static String key(String method, String kind) {
        return kind == null ? method : method + "/" + kind;
    }
}
