package cn.emcc.bench;

import cn.emcc.bench.fanout.FanoutCase;
import cn.emcc.bench.ingest.IngestCase;
import cn.emcc.bench.protocol.ProtocolDecodeCase;
import cn.emcc.bench.protocol.ProtocolEncodeCase;
import cn.emcc.bench.dispatch.AlarmToProposalCase;
import cn.emcc.bench.recommend.RecommendCase;

import java.util.List;
import java.util.Optional;

/** Every benchmark {@code ops/bench} knows. Adding one is adding a line here. */
public final class Benchmarks {

    public static final List<BenchmarkCase> ALL = List.of(
            new ProtocolDecodeCase(),
            new ProtocolEncodeCase(),
            new RecommendCase(),
            IngestCase.h2(),
            IngestCase.cassandra(),
            new AlarmToProposalCase(),
            new FanoutCase());

    private Benchmarks() {
    }

    public static Optional<BenchmarkCase> named(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
