package cn.emcc.command.officers;

import cn.emcc.command.testsupport.HandClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address login back-off with a clock the test moves: counting, the lock, the window, forgetting. */
class AddressBackoffTest {

    private static final String A = "192.0.2.1", B = "192.0.2.2", C = "192.0.2.3";
    private final HandClock clock = new HandClock(Instant.parse("2026-12-07T08:00:00Z"));

    private AddressBackoff backoff(int remember) {
        return new AddressBackoff(3, Duration.ofMinutes(10), Duration.ofMinutes(5), remember, clock);
    }

    @Test
    void the_nth_failure_within_the_window_locks_the_address_for_the_lock_time_and_only_that_address() {
        AddressBackoff backoff = backoff(100);
        Instant start = clock.instant();
        backoff.failed(A);
        clock.advance(Duration.ofMinutes(1));
        backoff.failed(A);
        assertThat(backoff.lockedUntil(A)).as("two failures are allowed").isNull();

        clock.advance(Duration.ofMinutes(1));
        backoff.failed(A);
        Instant third = clock.instant();
        assertThat(backoff.lockedUntil(A)).isEqualTo(third.plus(Duration.ofMinutes(5)));
        assertThat(backoff.lockedUntil(B)).isNull();

        clock.advance(Duration.ofMinutes(5).minusNanos(1));
        assertThat(backoff.lockedUntil(A)).as("a nanosecond before the lock ends").isEqualTo(third.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofNanos(1));
        assertThat(backoff.lockedUntil(A)).as("the lock has ended").isNull();

        // Still inside the window that started at the first failure: one more failure locks again at once.
        assertThat(clock.instant()).isBefore(start.plus(Duration.ofMinutes(10)));
        backoff.failed(A);
        assertThat(backoff.lockedUntil(A)).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void failures_older_than_the_window_no_longer_count_and_a_success_clears_the_address() {
        AddressBackoff backoff = backoff(100);
        backoff.failed(A);
        backoff.failed(A);
        clock.advance(Duration.ofMinutes(10).plusNanos(1));
        backoff.failed(A);
        assertThat(backoff.lockedUntil(A)).as("a new window: one failure so far").isNull();
        backoff.failed(A);
        assertThat(backoff.lockedUntil(A)).isNull();
        backoff.failed(A);
        assertThat(backoff.lockedUntil(A)).isNotNull();

        backoff.succeeded(B);
        backoff.failed(B);
        backoff.failed(B);
        backoff.succeeded(B);
        backoff.failed(B);
        assertThat(backoff.lockedUntil(B)).as("the success started the count again").isNull();
    }

    @Test
    void only_the_most_recently_seen_addresses_are_remembered() {
        AddressBackoff backoff = backoff(2);
        for (int i = 0; i < 3; i++) {
            backoff.failed(A);
            backoff.failed(B);
        }
        assertThat(backoff.lockedUntil(A)).isNotNull();
        assertThat(backoff.lockedUntil(B)).isNotNull();
        backoff.failed(C); // B was seen last, A is the eldest and is forgotten
        assertThat(backoff.lockedUntil(A)).isNull();
        assertThat(backoff.lockedUntil(B)).isNotNull();
    }
}
