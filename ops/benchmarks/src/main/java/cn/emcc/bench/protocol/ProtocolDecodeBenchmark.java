package cn.emcc.bench.protocol;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.validation.Decoded;
import cn.emcc.protocols.validation.InboundDecoder;
import com.google.protobuf.InvalidProtocolBufferException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;

/**
 * What the gateway pays per inbound message: decode and validate, against the
 * bare protobuf parse of the same bytes. Each kind runs on its own, and the
 * mix cycles through all kinds in one JVM, which is what a gateway serving
 * every agency sees (and keeps the JIT from specialising on one shape).
 */
public class ProtocolDecodeBenchmark {

    @State(Scope.Thread)
    public static class OneKind {
        @Param("MESSAGE_KIND_POLICE_REPORT") // ProtocolDecodeCase passes every kind
        public MessageKind kind;
        byte[] bytes;
        InboundDecoder decoder;

        @Setup
        public void prepare() {
            Envelope sample = SampleEnvelopes.byKind().get(kind);
            decoder = Gateway.decoder();
            Gateway.requireAccepted(decoder, Map.of(kind, sample));
            bytes = sample.toByteArray();
        }
    }

    @State(Scope.Thread)
    public static class AllKinds {
        byte[][] messages;
        int next;
        InboundDecoder decoder;

        @Setup
        public void prepare() {
            decoder = Gateway.decoder();
            Gateway.requireAccepted(decoder, SampleEnvelopes.byKind());
            messages = SampleEnvelopes.byKind().values().stream().map(Envelope::toByteArray).toArray(byte[][]::new);
        }

        byte[] next() {
            byte[] message = messages[next];
            next = next + 1 == messages.length ? 0 : next + 1;
            return message;
        }
    }

    @Benchmark
    public Decoded decodeValidate(OneKind state) {
        return state.decoder.decode(state.bytes);
    }

    @Benchmark
    public Decoded decodeValidateMix(AllKinds state) {
        return state.decoder.decode(state.next());
    }

    @Benchmark
    public Envelope parse(OneKind state) throws InvalidProtocolBufferException {
        return Envelope.parseFrom(state.bytes);
    }

    @Benchmark
    public Envelope parseMix(AllKinds state) throws InvalidProtocolBufferException {
        return Envelope.parseFrom(state.next());
    }
}
