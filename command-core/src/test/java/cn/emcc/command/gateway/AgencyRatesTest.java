package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-agency token buckets on a clock the test moves, and the message id read from an undecoded frame. */
class AgencyRatesTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AgencyRates rates = new AgencyRates(10, 20, nanos::get);
    private final AgencyIdentity police = new AgencyIdentity(Agency.AGENCY_POLICE, "jinan-110", Set.of("370100"), "jinan-110-1", Set.of());
    private final AgencyIdentity fire = new AgencyIdentity(Agency.AGENCY_FIRE, "jinan-119", Set.of("370100"), "jinan-119-1", Set.of());

    @Test
    void theBurstPassesThenTheNextWaitsForOneTokenAtTheRate() {
        for (int i = 0; i < 20; i++) {
            assertThat(rates.admit(police, 1)).as("message %d of the burst", i).isEmpty();
        }
        assertThat(rates.admit(police, 1)).contains(Duration.ofMillis(100));

        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(rates.admit(police, 1)).as("one token refilled after 1/rate").isEmpty();
        assertThat(rates.admit(police, 1)).isPresent();
    }

    @Test
    void eachAgencySystemHasItsOwnBucket() {
        assertThat(rates.admit(police, 20)).isEmpty();
        assertThat(rates.admit(police, 1)).isPresent();
        assertThat(rates.admit(fire, 20)).isEmpty();
    }

    @Test
    void aBatchTakesAllItsTokensOrNone() {
        assertThat(rates.admit(police, 15)).isEmpty();
        assertThat(rates.admit(police, 10)).as("5 left, 10 asked").contains(Duration.ofMillis(500));
        assertThat(rates.admit(police, 5)).as("the refused batch took nothing").isEmpty();
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(rates.admit(police, 20)).isEmpty();
        assertThat(rates.admit(police, 1)).isPresent();
    }

    @Test
    void nonsenseSettingsFailAtStart() {
        assertThatThrownBy(() -> new AgencyRates(0, 10, nanos::get)).hasMessageContaining("rate > 0");
        assertThatThrownBy(() -> new GatewayLimits(1024, 4096, 1000, 8, 4, 100, 999))
                .hasMessageContaining("emcc.gateway.rate.burst (999) must be at least emcc.gateway.max-batch-frames (1000)");
    }

    @Test
    void theMessageIdIsReadWithoutDecodingTheRest() {
        byte[] frame = Envelope.newBuilder().setMessageId("police-42").setKind(
                cn.emcc.protocols.v1.MessageKind.MESSAGE_KIND_POLICE_REPORT).build().toByteArray();
        assertThat(EnvelopeIds.peek(frame)).isEqualTo("police-42");
        assertThat(EnvelopeIds.peek(new byte[]{(byte) 0xFF, 1, 2})).isEmpty();
        assertThat(EnvelopeIds.peek(Envelope.newBuilder().setMessageId("no spaces allowed").build().toByteArray())).isEmpty();
        assertThat(EnvelopeIds.peek(null)).isEmpty();
    }
}
