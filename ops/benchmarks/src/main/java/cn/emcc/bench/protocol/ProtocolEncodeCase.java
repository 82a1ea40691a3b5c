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

/** {@code ops/bench protocol-encode}: building and serializing an envelope of every kind. */
public final class ProtocolEncodeCase implements BenchmarkCase {

    @Override
    public String name() {
        return "protocol-encode";
    }

    @Override
    public String description() {
        return "build + serialize one envelope per payload kind; mix = round robin over the kinds";
    }

    @Override
    public ResultLine run(JmhSettings settings) throws RunnerException {
        Map<MessageKind, Envelope> samples = SampleEnvelopes.byKind();
        String benchmark = Pattern.quote(ProtocolEncodeBenchmark.class.getName()) + "\\.";
        Options mix = settings.headline().averageTime(benchmark + "(encodeMix)$").build();
        Options perKind = settings.averageTime(benchmark + "(encode|reencode)$")
                .param("kind", SampleEnvelopes.kindNames())
                .build();
        JmhRun jmh = new JmhRun(1 + 2 * samples.size());
        KindResults results = new KindResults(jmh.run(mix, 1));
        results.add(jmh.run(perKind, 2 * samples.size()));

        KindTable.print(System.out, samples, results, List.of(
                new KindTable.Column("build+encode", "encode", "encodeMix"),
                new KindTable.Column("reencode", "reencode", null)), false);

        return ResultLine.withoutPeer(name(), new Figure("encode_mix", results.nanos("encodeMix") / 1000.0, "us/msg"));
    }
}
