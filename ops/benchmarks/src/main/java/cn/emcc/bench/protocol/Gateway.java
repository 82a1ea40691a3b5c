package cn.emcc.bench.protocol;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.validation.BoundingBoxServiceArea;
import cn.emcc.protocols.validation.Decoded;
import cn.emcc.protocols.validation.EnvelopeValidator;
import cn.emcc.protocols.validation.InboundDecoder;
import cn.emcc.protocols.validation.ValidationLimits;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The inbound decoder as the gateway sets it up for Shandong, with its clock
 * fixed just after the samples were sent. A benchmark of rejections would
 * measure the wrong path, so the samples must all be accepted first.
 */
final class Gateway {

    private Gateway() {
    }

    static InboundDecoder decoder() {
        ValidationLimits limits = ValidationLimits.defaults();
        Clock clock = Clock.fixed(SampleEnvelopes.RECEIVED, ZoneOffset.UTC);
        return new InboundDecoder(new EnvelopeValidator(BoundingBoxServiceArea.shandong(), limits, clock), limits);
    }

    /** Throws, naming the kind and the rejection, unless {@code decoder} accepts every sample. */
    static void requireAccepted(InboundDecoder decoder, Map<MessageKind, Envelope> samples) {
        samples.forEach((kind, envelope) -> {
            Decoded decoded = decoder.decode(envelope.toByteArray());
            if (!(decoded instanceof Decoded.Valid valid) || !valid.envelope().equals(envelope)) {
                throw new IllegalStateException("the validator does not accept the " + kind
                        + " sample, so the benchmark would measure a rejection: " + decoded);
            }
        });
    }
}
