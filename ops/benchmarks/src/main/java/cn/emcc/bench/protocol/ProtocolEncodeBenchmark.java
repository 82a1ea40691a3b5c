package cn.emcc.bench.protocol;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.function.Supplier;

/**
 * What it costs to produce the bytes of an outbound envelope. {@code encode}
 * builds a fresh envelope from its field values and serializes it, as the
 * gateway does for every order and reply; a built message caches its size, so
 * {@code toByteArray} of one already serialized (a resend) is shown apart.
 */
public class ProtocolEncodeBenchmark {

    @State(Scope.Thread)
    public static class OneKind {
        @Param("MESSAGE_KIND_POLICE_REPORT") // ProtocolEncodeCase passes every kind
        public MessageKind kind;
        Supplier<Envelope> factory;
        Envelope built;

        @Setup
        public void prepare() {
            factory = SampleEnvelopes.factories().get(kind);
            built = factory.get();
            built.toByteArray();
        }
    }

    @State(Scope.Thread)
    public static class AllKinds {
        List<Supplier<Envelope>> factories;
        int next;

        @Setup
        public void prepare() {
            factories = List.copyOf(SampleEnvelopes.factories().values());
        }

        Supplier<Envelope> next() {
            Supplier<Envelope> factory = factories.get(next);
            next = next + 1 == factories.size() ? 0 : next + 1;
            return factory;
        }
    }

    @Benchmark
    public byte[] encode(OneKind state) {
        return state.factory.get().toByteArray();
    }

    @Benchmark
    public byte[] encodeMix(AllKinds state) {
        return state.next().get().toByteArray();
    }

    @Benchmark
    public byte[] reencode(OneKind state) {
        return state.built.toByteArray();
    }
}
