package cn.emcc.command.situation;

import cn.emcc.command.testsupport.HandClock;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.emcc.command.situation.Warnings.*;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_RED;
import static org.assertj.core.api.Assertions.assertThat;

/** The node-local copy of the warnings: newest answer wins, refreshed on a timer. */
class WarningCacheTest {

    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.load());

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static ActiveWarnings oneRed(String identifier) {
        return new ActiveWarnings(T0, List.of(
                alert(identifier, WARNING_COLOUR_RED, T0, polygonArea(CENTRAL_JINAN)).build().toByteArray()));
    }

    @Test
    void an_older_refresh_answering_late_does_not_overwrite_a_newer_one() {
        ConcurrentLinkedQueue<CompletableFuture<ActiveWarnings>> asks = new ConcurrentLinkedQueue<>();
        WarningCache cache = new WarningCache(at -> {
            CompletableFuture<ActiveWarnings> f = new CompletableFuture<>();
            asks.add(f);
            return f;
        }, new HandClock(T0));
        assertThat(cache.current().size()).isZero();

        cache.refresh();
        cache.refresh();
        CompletableFuture<ActiveWarnings> older = asks.poll();
        CompletableFuture<ActiveWarnings> newer = asks.poll();
        newer.complete(oneRed("NEW"));
        older.complete(oneRed("OLD"));

        assertThat(cache.current().warnings().get(0).getIdentifier()).isEqualTo("NEW");
    }

    @Test
    void a_failed_refresh_keeps_the_last_copy() {
        AtomicInteger calls = new AtomicInteger();
        WarningCache cache = new WarningCache(at -> calls.incrementAndGet() == 1
                ? CompletableFuture.completedFuture(oneRed("A"))
                : CompletableFuture.failedFuture(new IllegalStateException("board moving")), new HandClock(T0));

        cache.refresh();
        CompletionStage<ActiveWarnings> failed = cache.refresh();

        assertThat(failed.toCompletableFuture()).isCompletedExceptionally();
        assertThat(cache.current().warnings().get(0).getIdentifier()).isEqualTo("A");
    }

    @Test
    void the_refresher_keeps_re_reading_the_board() {
        AtomicInteger calls = new AtomicInteger();
        WarningCache cache = new WarningCache(at -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(oneRed("R" + calls.get()));
        }, new HandClock(T0));

        KIT.spawn(WarningCacheRefresher.create(cache, Duration.ofMillis(50)));

        KIT.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(calls.get()).isGreaterThanOrEqualTo(3);
            assertThat(cache.current().warnings().get(0).getIdentifier()).isNotEqualTo("R1");
            return null;
        });
    }

    @Test
    void the_copy_is_dated_by_the_clock_of_the_refresh() {
        HandClock clock = new HandClock(T0);
        List<Instant> asked = new ArrayList<>();
        WarningCache cache = new WarningCache(at -> {
            asked.add(at);
            return CompletableFuture.completedFuture(ActiveWarnings.none(at));
        }, clock);

        clock.advance(Duration.ofMinutes(5));
        cache.refresh();

        assertThat(asked).containsExactly(T0.plus(Duration.ofMinutes(5)));
        assertThat(cache.current().asOf()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }
}
