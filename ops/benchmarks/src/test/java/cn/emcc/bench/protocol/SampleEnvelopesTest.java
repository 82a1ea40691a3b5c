package cn.emcc.bench.protocol;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SampleEnvelopesTest {

    private final Map<MessageKind, Envelope> samples = SampleEnvelopes.byKind();

    @Test
    void thereIsOneSampleForEveryPayloadKind() {
        MessageKind[] payloadKinds = Arrays.stream(MessageKind.values())
                .filter(k -> k != MessageKind.MESSAGE_KIND_UNSPECIFIED && k != MessageKind.UNRECOGNIZED)
                .toArray(MessageKind[]::new);

        assertThat(samples.keySet()).containsExactly(payloadKinds);
        assertThat(SampleEnvelopes.kindNames()).containsExactly(
                Arrays.stream(payloadKinds).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void eachSampleCarriesThePayloadItsKindNames() {
        samples.forEach((kind, envelope) -> {
            assertThat(envelope.getKind()).isEqualTo(kind);
            String payload = envelope.getPayloadCase().name();
            assertThat(kind.name()).as("payload %s", payload)
                    .isEqualTo("MESSAGE_KIND_" + payload);
        });
    }

    @Test
    void eachSampleSurvivesTheWireAndIsSentAtTheSampleTime() throws Exception {
        for (Envelope envelope : samples.values()) {
            assertThat(Envelope.parseFrom(envelope.toByteArray())).isEqualTo(envelope);
            assertThat(envelope.getSent().getSeconds()).isEqualTo(SampleEnvelopes.SENT.getEpochSecond());
            assertThat(envelope.getMessageId()).isNotBlank();
        }
    }

    @Test
    void everyCallBuildsAnEqualButNewEnvelope() {
        SampleEnvelopes.factories().forEach((kind, factory) -> {
            Envelope first = factory.get();
            Envelope second = factory.get();
            assertThat(second).isEqualTo(first).isNotSameAs(first);
        });
    }
}
