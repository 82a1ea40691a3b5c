package cn.emcc.command.officers;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-account lockout arithmetic: free failures, then a lock that doubles with each failure, up to the cap. */
class LockoutTest {

    private static final Instant AT = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void the_lock_starts_at_the_nth_failure_and_doubles_with_each_further_one_up_to_the_cap() {
        Lockout lockout = new Lockout(5, Duration.ofMinutes(1), Duration.ofHours(1));

        for (int failures = 0; failures < 5; failures++) {
            assertThat(lockout.lockedUntil(failures, AT)).as("failure %d", failures).isNull();
        }
        assertThat(lockout.lockedUntil(5, AT)).isEqualTo(AT.plus(Duration.ofMinutes(1)));
        assertThat(lockout.lockedUntil(6, AT)).isEqualTo(AT.plus(Duration.ofMinutes(2)));
        assertThat(lockout.lockedUntil(7, AT)).isEqualTo(AT.plus(Duration.ofMinutes(4)));
        assertThat(lockout.lockedUntil(8, AT)).isEqualTo(AT.plus(Duration.ofMinutes(8)));
        assertThat(lockout.lockedUntil(9, AT)).isEqualTo(AT.plus(Duration.ofMinutes(16)));
        assertThat(lockout.lockedUntil(10, AT)).isEqualTo(AT.plus(Duration.ofMinutes(32)));
        assertThat(lockout.lockedUntil(11, AT)).as("64 min is over the cap").isEqualTo(AT.plus(Duration.ofHours(1)));
        assertThat(lockout.lockedUntil(1_000_000, AT)).as("no overflow however many").isEqualTo(AT.plus(Duration.ofHours(1)));
        assertThat(lockout.lockedUntil(Integer.MAX_VALUE, AT)).isEqualTo(AT.plus(Duration.ofHours(1)));
    }

    @Test
    void one_free_failure_locks_at_the_first_and_the_settings_are_read_from_config() {
        Lockout strict = new Lockout(1, Duration.ofSeconds(30), Duration.ofMinutes(2));
        assertThat(strict.lockedUntil(0, AT)).isNull();
        assertThat(strict.lockedUntil(1, AT)).isEqualTo(AT.plusSeconds(30));
        assertThat(strict.lockedUntil(3, AT)).isEqualTo(AT.plusSeconds(120));
        assertThat(strict.lockedUntil(4, AT)).isEqualTo(AT.plusSeconds(120));

        Lockout configured = Lockout.fromConfig(ConfigFactory.parseString("max-failures = 3, first-lock = 10s, max-lock = 1m"));
        assertThat(configured).isEqualTo(new Lockout(3, Duration.ofSeconds(10), Duration.ofMinutes(1)));
    }

    @Test
    void settings_that_make_no_sense_are_refused() {
        assertThatThrownBy(() -> new Lockout(0, Duration.ofMinutes(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-failures >= 1");
        assertThatThrownBy(() -> new Lockout(5, Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-lock >= first-lock");
        assertThatThrownBy(() -> new Lockout(5, Duration.ofMinutes(-1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
