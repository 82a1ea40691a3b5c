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
        return "decode + validate one envelope per payload kind vs bare protobuf parse; mix = round robin over the kinds";
    }

    @Override
    public ResultLine run(JmhSettings settings) throws RunnerException {
        Map<MessageKind, Envelope> samples = SampleEnvelopes.byKind();
        Gateway.requireAccepted(Gateway.decoder(), samples);
        String benchmark = Pattern.quote(ProtocolDecodeBenchmark.class.getName()) + "\\.";
        Options mix = settings.headline().averageTime(benchmark + "(decodeValidateMix|parseMix)$").build();
        Options perKind = settings.averageTime(benchmark + "(decodeValidate|parse)$")
                .param("kind", SampleEnvelopes.kindNames())
                .build();
        JmhRun jmh = new JmhRun(2 + 2 * samples.size());
        KindResults results = new KindResults(jmh.run(mix, 2));
        results.add(jmh.run(perKind, 2 * samples.size()));

        KindTable.print(System.out, samples, results, List.of(
                new KindTable.Column("decode+validate", "decodeValidate", "decodeValidateMix"),
                new KindTable.Column("protobuf parse", "parse", "parseMix")), true);

        return ResultLine.withPeer(name(),
                new Figure("decode_validate_mix", results.nanos("decodeValidateMix") / 1000.0, "us/msg"),
                "protobuf_parse",
                new Figure("parse_mix", results.nanos("parseMix") / 1000.0, "us/msg"));
    }
}
