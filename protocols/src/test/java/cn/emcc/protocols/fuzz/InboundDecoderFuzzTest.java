package cn.emcc.protocols.fuzz;

import cn.emcc.protocols.SampleMessages;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.validation.BoundingBoxServiceArea;
import cn.emcc.protocols.validation.Decoded;
import cn.emcc.protocols.validation.EnvelopeValidator;
import cn.emcc.protocols.validation.InboundDecoder;
import cn.emcc.protocols.validation.ValidationLimits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound decoder (parse and validate every payload) against hostile
 * input: valid envelopes of every kind with fields set to wrong values, their
 * encodings corrupted, and raw bytes. It always answers, either Valid (and
 * then the envelope round-trips) or Invalid with a rejection that names a
 * field and a reason; it never throws and never hangs.
 */
class InboundDecoderFuzzTest {

    private static final List<Envelope> SAMPLES = List.copyOf(SampleMessages.envelopesByKind().values());

    private final ValidationLimits limits = ValidationLimits.defaults();
    private final InboundDecoder decoder = new InboundDecoder(
            new EnvelopeValidator(BoundingBoxServiceArea.shandong(), limits, SampleMessages.CLOCK), limits);

    @Provide
    Arbitrary<Envelope> samples() {
        return Arbitraries.of(SAMPLES);
    }

    @Property
    void everyValidSampleDecodesToItself(@ForAll("samples") Envelope valid) {
        Decoded d = decode(valid.toByteArray());
        assertThat(d).isInstanceOf(Decoded.Valid.class);
        assertThat(((Decoded.Valid) d).envelope()).isEqualTo(valid);
    }

    @Property
    void mutatedFieldsAreAnsweredNotThrown(@ForAll("samples") Envelope valid, @ForAll long seed,
                                           @ForAll @IntRange(min = 1, max = 3) int mutations) {
        Envelope hostile = ProtoMutations.mutate(valid, mutations, new Random(seed));
        Decoded d = checkAnswer(hostile.toByteArray());
        Statistics.label("outcome").collect(d instanceof Decoded.Invalid i
                ? (i.rejection().getFieldPath().isEmpty() ? "whole frame refused" : "field refused") : "accepted");
        // The mutations reach the validators, not just the parser: most name a field.
        Statistics.label("outcome").coverage(c -> c.check("field refused").percentage(p -> p > 30));
    }

    @Property
    void corruptedEncodingsAreAnsweredNotThrown(@ForAll("samples") Envelope valid, @ForAll long seed,
                                                @ForAll boolean mutateFirst) {
        Random random = new Random(seed);
        Envelope start = mutateFirst ? ProtoMutations.mutate(valid, 1, random) : valid;
        checkAnswer(ProtoMutations.corrupt(start.toByteArray(), random));
    }

    @Property
    void rawBytesAreAnsweredNotThrown(@ForAll @Size(max = 4096) byte[] bytes) {
        checkAnswer(bytes);
    }

    private Decoded decode(byte[] bytes) {
        return Bounded.call("InboundDecoder.decode", () -> decoder.decode(bytes));
    }

    private Decoded checkAnswer(byte[] bytes) {
        Decoded d = decode(bytes);
        assertThat(d).isNotNull();
        if (d instanceof Decoded.Invalid invalid) {
            RejectionShape.check(invalid.rejection());
        } else {
            Envelope accepted = ((Decoded.Valid) d).envelope();
            Decoded again = decode(accepted.toByteArray());
            assertThat(again).as("an accepted envelope decodes again").isInstanceOf(Decoded.Valid.class);
            assertThat(((Decoded.Valid) again).envelope()).isEqualTo(accepted);
        }
        return d;
    }
}
