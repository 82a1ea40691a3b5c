package cn.emcc.command.situation;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;

/**
 * Refreshes one node's {@link WarningCache} on a timer, so every node
 * converges on the board even when warnings were applied through another.
 */
final class WarningCacheRefresher {

    /** Local only: the timer's tick and the outcome of a refresh. */
    interface Message extends NoSerializationVerificationNeeded {
    }

    private enum Tick implements Message { INSTANCE }

    private record Refreshed(Throwable failure) implements Message {
    }

    private WarningCacheRefresher() {
    }

    static Behavior<Message> create(WarningCache cache, Duration every) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, Duration.ZERO, every);
            return Behaviors.receive(Message.class)
                    .onMessage(Tick.class, t -> {
                        ctx.pipeToSelf(cache.refresh(), (ok, failure) -> new Refreshed(failure));
                        return Behaviors.same();
                    })
                    .onMessage(Refreshed.class, r -> {
                        if (r.failure() != null) {
                            // Keep the last copy: a board that is moving between nodes answers again shortly.
                            ctx.getLog().warn("warning board did not answer a refresh; keeping the last copy: {}",
                                    r.failure().toString());
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }
}
