package cn.emcc.bench.protocol;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.validation.Decoded;
import cn.emcc.protocols.validation.InboundDecoder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayTest {

    private final InboundDecoder decoder = Gateway.decoder();

    @Test
    void theValidatorAcceptsEverySample() {
        SampleEnvelopes.byKind().forEach((kind, envelope) ->
                assertThat(decoder.decode(envelope.toByteArray())).as("%s", kind)
                        .isEqualTo(new Decoded.Valid(envelope)));
    }

    @Test
    void aSampleTheValidatorRejectsStopsTheBenchmarkNamingTheKindAndTheReason() {
        Envelope sample = SampleEnvelopes.byKind().get(MessageKind.MESSAGE_KIND_UNIT_POSITION);
        Envelope inBeijing = sample.toBuilder().setUnitPosition(sample.getUnitPosition().toBuilder()
                .setPosition(GeoPoint.newBuilder().setLongitude(116.40).setLatitude(39.90))).build();

        assertThatThrownBy(() -> Gateway.requireAccepted(decoder, Map.of(MessageKind.MESSAGE_KIND_UNIT_POSITION, inBeijing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MESSAGE_KIND_UNIT_POSITION")
                .hasMessageContaining("unit_position.position");
    }
}
