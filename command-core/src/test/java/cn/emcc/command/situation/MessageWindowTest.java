package cn.emcc.command.situation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The boards' memory of message ids stays bounded by count and by age. */
class MessageWindowTest {

    private static final Instant T0 = Instant.parse("2026-07-12T00:00:00Z");

    @Test
    void the_oldest_ids_are_forgotten_beyond_the_count() {
        MessageWindow.Limits limits = new MessageWindow.Limits(3, Duration.ofDays(30));
        MessageWindow w = MessageWindow.empty();
        for (int i = 1; i <= 5; i++) {
            w = w.remember("m" + i, "w" + i, T0.plusSeconds(i), limits);
        }

        assertThat(w.seen()).containsOnlyKeys("m3", "m4", "m5");
        assertThat(w.find("m4")).contains(new MessageWindow.Seen("w4", T0.plusSeconds(4)));
        assertThat(w.find("m1")).isEmpty();
    }

    @Test
    void ids_older_than_the_age_are_forgotten() {
        MessageWindow.Limits limits = new MessageWindow.Limits(10_000, Duration.ofDays(30));
        MessageWindow w = MessageWindow.empty()
                .remember("old", "a", T0, limits)
                .remember("recent", "b", T0.plus(Duration.ofDays(20)), limits)
                .remember("now", "c", T0.plus(Duration.ofDays(31)), limits);

        assertThat(w.seen()).containsOnlyKeys("recent", "now");
    }
}
