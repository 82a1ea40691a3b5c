package cn.emcc.command.situation;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This node's copy of the warnings in force, so that placing a new incident
 * or drawing the map never waits on the warning board. It is eventually
 * consistent: another node's copy catches up within one refresh interval
 * (10 s by default), and a warning that expires stays in the copy until the
 * next refresh. That is acceptable because nothing durable depends on the
 * copy alone: the {@link WarningLinker} re-reads the board on every pass and
 * relinks every open incident, so an incident opened against a stale copy is
 * corrected on the next pass.
 */
public final class WarningCache {

    /** The answer of one refresh; tickets keep a slow, older answer from overwriting a newer one. */
    private record Versioned(long ticket, ActiveWarnings warnings) {
    }

    private final Function<Instant, CompletionStage<ActiveWarnings>> board;
    private final Clock clock;
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicReference<Versioned> current;
    private final List<Consumer<ActiveWarnings>> listeners = new CopyOnWriteArrayList<>();

    /** @param board asks the warning board for the warnings in force at a moment */
    public WarningCache(Function<Instant, CompletionStage<ActiveWarnings>> board, Clock clock) {
        this.board = board;
        this.clock = clock;
        this.current = new AtomicReference<>(new Versioned(0, ActiveWarnings.none(clock.instant())));
    }

    /**
     * A cache reading the province's {@link WarningBoard}, refreshed every
     * {@code emcc.situation.warning-refresh} by a small actor of this node.
     */
    public static WarningCache start(ActorSystem<?> system, SituationSettings settings, Clock clock) {
        EntityRef<WarningBoard.Command> ref = WarningBoard.province(system);
        Duration timeout = settings.askTimeout();
        WarningCache cache = new WarningCache(
                at -> ref.ask(replyTo -> new WarningBoard.GetActiveWarnings(at, replyTo), timeout), clock);
        system.systemActorOf(WarningCacheRefresher.create(cache, settings.warningRefresh()),
                "warning-cache-refresher", Props.empty());
        return cache;
    }

    /** The latest warnings known to this node (none until the first refresh has answered). */
    public ActiveWarnings current() {
        return current.get().warnings();
    }

    /**
     * Re-read the board now; completes with what the board answered (which is
     * then also {@link #current()} unless a later refresh already answered).
     * Fails, leaving the copy as it was, when the board does not answer.
     */
    public CompletionStage<ActiveWarnings> refresh() {
        long ticket = tickets.incrementAndGet();
        return board.apply(clock.instant()).thenApply(warnings -> {
            answered(ticket, warnings);
            return warnings;
        });
    }

    /**
     * Calls {@code listener} with the copy each time a refresh has answered
     * and its answer became {@link #current()} (also when nothing changed: the
     * listener compares). Calls come one at a time, oldest answer first, so a
     * listener never sees an older copy after a newer one.
     */
    public void onRefresh(Consumer<ActiveWarnings> listener) {
        listeners.add(listener);
    }

    /** Synchronized so that taking the answer and telling the listeners happen in ticket order. */
    private synchronized void answered(long ticket, ActiveWarnings warnings) {
        Versioned now = current.accumulateAndGet(new Versioned(ticket, warnings),
                (old, fresh) -> fresh.ticket() > old.ticket() ? fresh : old);
        if (now.ticket() == ticket) {
            listeners.forEach(l -> l.accept(warnings));
        }
    }
}
