package cn.emcc.protocols.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private static final Duration MIN = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(10);

    @Test
    void delayDoublesPerAttemptWithinJitterRange() {
        Backoff lowest = new Backoff(MIN, MAX, () -> 0.0);
        Backoff highest = new Backoff(MIN, MAX, () -> 0.999_999);

        assertThat(lowest.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(lowest.delay(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(highest.delay(0)).isBetween(Duration.ofMillis(199), MIN);
        assertThat(highest.delay(3)).isBetween(Duration.ofMillis(1599), Duration.ofMillis(1600));
    }

    @Test
    void delayIsCappedAtMaxEvenForHugeAttemptNumbers() {
        Backoff highest = new Backoff(MIN, MAX, () -> 0.999_999);

        assertThat(highest.delay(6)).isBetween(Duration.ofMillis(9_999), MAX);
        assertThat(highest.delay(40)).isBetween(Duration.ofMillis(9_999), MAX);
        assertThat(highest.delay(Integer.MAX_VALUE)).isBetween(Duration.ofMillis(9_999), MAX);
        assertThat(new Backoff(MIN, MAX, () -> 0.0).delay(100)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesMaxBelowMin() {
        assertThatThrownBy(() -> new Backoff(MAX, MIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backoff max is PT0.2S");
    }
}
