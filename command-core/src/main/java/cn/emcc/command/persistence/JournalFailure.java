package cn.emcc.command.persistence;

import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

import java.time.Duration;

/**
 * What every event-sourced entity does when the journal fails: stop, and come
 * back with backoff (recovering its state from the journal), instead of
 * hammering a store that is down. Callers whose persist failed get no reply and
 * time out, so nothing is ever acknowledged that was not stored.
 */
public final class JournalFailure {

    private JournalFailure() {
    }

    public static BackoffSupervisorStrategy restartWithBackoff() {
        return SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
    }
}
