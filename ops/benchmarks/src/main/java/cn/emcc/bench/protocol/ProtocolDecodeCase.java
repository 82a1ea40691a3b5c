package cn.emcc.bench.protocol;

import cn.emcc.bench.BenchmarkCase;
import cn.emcc.bench.JmhRun;
import cn.emcc.bench.JmhSettings;
import cn.emcc.bench.ResultLine;
import cn.emcc.bench.ResultLine.Figure;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code ops/bench protocol}: the per-message inbound cost, against a bare protobuf parse. */
public final class ProtocolDecodeCase implements BenchmarkCase {

    @Override
    public String name() {
        return "protocol";
    }

    @Override
    public String description() {
        return "parse of one envelope per payload kind; mix = round robin over the kinds";
    }

    @Override
    public ResultLine run(JmhSettings settings) throws RunnerException {
        Map<MessageKind, Envelope> samples = SampleEnvelopes.byKind();
        Options options = settings.averageTime(Pattern.quote(ProtocolDecodeBenchmark.class.getName()) + "\\.")
                .param("kind", SampleEnvelopes.kindNames())
                .build();
        KindResults results = new KindResults(JmhRun.run(options, samples.size() + 1));

        KindTable.print(System.out, samples, results, List.of(
                new KindTable.Column("parse", "parse", "parseMix")), false);

        return ResultLine.withoutPeer(name(), new Figure("parse_mix", results.nanos("parseMix") / 1000.0, "us/msg"));
    }
}
