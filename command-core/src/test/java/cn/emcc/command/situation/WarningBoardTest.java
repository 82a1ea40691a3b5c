package cn.emcc.command.situation;

import cn.emcc.command.testsupport.HandClock;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WeatherWarning;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static cn.emcc.command.situation.Warnings.*;
import static cn.emcc.protocols.v1.WarningColour.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warning board's CAP rules, with every command, event and state
 * round-tripped through the real serializer by the testkit.
 */
class WarningBoardTest {

    private static final ActorTestKit KIT = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    private static final SituationSettings SETTINGS = SituationSettings.fromConfig(ConfigFactory.load());

    private HandClock clock;
    private EventSourcedBehaviorTestKit<WarningBoard.Command, WarningBoard.Event, WarningBoard.State> board;

    @BeforeEach
    void fresh() {
        clock = new HandClock(T0.plusSeconds(30));
        board = EventSourcedBehaviorTestKit.create(KIT.system(), WarningBoard.create("province", SETTINGS, clock));
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<WarningBoard.Command, WarningBoard.Event,
            WarningBoard.State, StatusReply<WarningBoard.WarningApplied>> apply(String messageId, WeatherWarning.Builder w) {
        return board.runCommand(replyTo -> new WarningBoard.ApplyWarning(messageId, w.build().toByteArray(), replyTo));
    }

    private ActiveWarnings activeAt(Instant at) {
        return board.<ActiveWarnings>runCommand(replyTo -> new WarningBoard.GetActiveWarnings(at, replyTo)).reply();
    }

    private static WeatherWarning.Builder redOverJinan(String identifier) {
        return alert(identifier, WARNING_COLOUR_RED, T0, polygonArea(CENTRAL_JINAN));
    }

    @Test
    void an_alert_is_put_on_the_board_and_in_force() {
        var result = apply("m1", redOverJinan("37010041600000_20260712083000"));

        assertThat(result.reply().getValue())
                .isEqualTo(new WarningBoard.WarningApplied("m1", "37010041600000_20260712083000", false));
        assertThat(result.events()).hasSize(1).first().isInstanceOf(WarningBoard.WarningIssued.class);
        ActiveWarnings active = activeAt(T0.plusSeconds(60));
        assertThat(active.warnings()).extracting(WeatherWarning::getIdentifier)
                .containsExactly("37010041600000_20260712083000");
        assertThat(active.warnings().get(0).getColour()).isEqualTo(WARNING_COLOUR_RED);
    }

    @Test
    void a_resent_message_is_answered_as_a_duplicate_and_persists_nothing() {
        apply("m1", redOverJinan("A"));

        var resend = apply("m1", redOverJinan("A"));

        assertThat(resend.reply().getValue()).isEqualTo(new WarningBoard.WarningApplied("m1", "A", true));
        assertThat(resend.events()).isEmpty();
    }

    @Test
    void the_same_alert_under_a_new_message_id_is_a_duplicate_but_changed_content_is_refused() {
        apply("m1", redOverJinan("A"));

        var same = apply("m2", redOverJinan("A"));
        var changed = apply("m3", redOverJinan("A").setColour(WARNING_COLOUR_BLUE));

        assertThat(same.reply().getValue()).isEqualTo(new WarningBoard.WarningApplied("m2", "A", true));
        assertThat(same.events()).isEmpty();
        assertThat(changed.reply().isError()).isTrue();
        assertThat(changed.reply().getError().getMessage()).startsWith("identifier reused: A");
        assertThat(changed.events()).isEmpty();
        assertThat(activeAt(T0.plusSeconds(60)).warnings().get(0).getColour()).isEqualTo(WARNING_COLOUR_RED);
    }

    @Test
    void an_update_replaces_the_warnings_it_references() {
        apply("m1", alert("A", WARNING_COLOUR_YELLOW, T0, polygonArea(CENTRAL_JINAN)));
        apply("m2", alert("OTHER", WARNING_COLOUR_BLUE, T0, adcodeArea("370200")));

        var result = apply("m3", update("B", WARNING_COLOUR_RED, T0.plusSeconds(600), "A"));

        assertThat(result.reply().getValue()).isEqualTo(new WarningBoard.WarningApplied("m3", "B", false));
        ActiveWarnings active = activeAt(T0.plusSeconds(700));
        assertThat(active.warnings()).extracting(WeatherWarning::getIdentifier).containsExactly("B", "OTHER");
        assertThat(active.warnings().get(0).getColour()).isEqualTo(WARNING_COLOUR_RED);
    }

    @Test
    void a_cancel_removes_the_warnings_it_references() {
        apply("m1", redOverJinan("A"));
        apply("m2", alert("OTHER", WARNING_COLOUR_BLUE, T0, adcodeArea("370200")));

        var result = apply("m3", cancel("C", T0.plusSeconds(900), "A"));

        assertThat(result.reply().getValue()).isEqualTo(new WarningBoard.WarningApplied("m3", "C", false));
        assertThat(result.events()).singleElement().isInstanceOf(WarningBoard.WarningCancelled.class);
        assertThat(activeAt(T0.plusSeconds(1000)).warnings()).extracting(WeatherWarning::getIdentifier)
                .containsExactly("OTHER");
    }

    @Test
    void a_reference_to_an_unknown_warning_is_refused_and_nothing_is_persisted() {
        apply("m1", redOverJinan("A"));

        var update = apply("m2", update("B", WARNING_COLOUR_RED, T0, "A", "NOT-ON-BOARD"));
        var cancel = apply("m3", cancel("C", T0, "ALSO-NOT"));

        assertThat(update.reply().isError()).isTrue();
        assertThat(update.reply().getError().getMessage()).startsWith("unknown reference: NOT-ON-BOARD");
        assertThat(update.events()).isEmpty();
        assertThat(cancel.reply().getError().getMessage()).startsWith("unknown reference: ALSO-NOT");
        assertThat(cancel.events()).isEmpty();
        assertThat(activeAt(T0.plusSeconds(60)).warnings()).extracting(WeatherWarning::getIdentifier).containsExactly("A");
        // Refused messages are not remembered: once the reference exists, the same message id goes through.
        apply("m4", redOverJinan("NOT-ON-BOARD"));
        assertThat(apply("m2", update("B", WARNING_COLOUR_RED, T0, "A", "NOT-ON-BOARD")).reply().getValue().duplicate())
                .isFalse();
    }

    @Test
    void a_warning_is_in_force_from_its_issue_time_until_it_expires() {
        apply("m1", redOverJinan("A").setExpires(ts(T0.plus(Duration.ofHours(3)))));

        assertThat(activeAt(T0.minusSeconds(1)).size()).isZero();
        assertThat(activeAt(T0).size()).isEqualTo(1);
        assertThat(activeAt(T0.plus(Duration.ofHours(3)).minusSeconds(1)).size()).isEqualTo(1);
        assertThat(activeAt(T0.plus(Duration.ofHours(3))).size()).isZero();
    }

    @Test
    void a_warning_long_expired_is_forgotten_so_a_late_reference_to_it_is_unknown() {
        apply("m1", redOverJinan("A").setExpires(ts(T0.plus(Duration.ofHours(3)))));
        apply("m2", redOverJinan("B").setExpires(ts(T0.plus(Duration.ofHours(3)))));

        // Within keep-expired-warnings a late CANCEL still finds its warning...
        clock.advance(Duration.ofHours(5));
        assertThat(apply("m3", cancel("C1", clock.instant(), "A")).reply().isSuccess()).isTrue();
        // ...after it, the board has forgotten the warning.
        clock.advance(SETTINGS.keepExpiredWarnings());
        apply("m4", alert("D", WARNING_COLOUR_BLUE, clock.instant(), adcodeArea("370200")));
        var late = apply("m5", cancel("C2", clock.instant(), "B"));

        assertThat(late.reply().getError().getMessage()).startsWith("unknown reference: B");
        assertThat(late.state().warnings()).containsOnlyKeys("D");
    }

    @Test
    void an_alert_without_expiry_or_with_a_self_crossing_ring_is_refused() {
        var noExpiry = apply("m1", redOverJinan("A").clearExpires());
        var bowTie = apply("m2", alert("B", WARNING_COLOUR_RED, T0,
                polygonArea(ring(116.9, 36.6, 117.1, 36.7, 117.1, 36.6, 116.9, 36.7, 116.9, 36.6))));

        assertThat(noExpiry.reply().getError().getMessage()).startsWith("expires: must be set");
        assertThat(bowTie.reply().getError().getMessage()).contains("areas[0].polygons[0]").contains("crosses itself");
        assertThat(noExpiry.events()).isEmpty();
        assertThat(bowTie.events()).isEmpty();
    }

    @Test
    void the_board_and_its_message_ids_survive_a_restart() {
        apply("m1", alert("A", WARNING_COLOUR_YELLOW, T0, polygonArea(CENTRAL_JINAN)));
        apply("m2", update("B", WARNING_COLOUR_ORANGE, T0.plusSeconds(60), "A"));
        apply("m3", alert("C", WARNING_COLOUR_BLUE, T0, adcodeArea("370200")));
        apply("m4", cancel("D", T0.plusSeconds(120), "C"));

        board.restart();

        ActiveWarnings active = activeAt(T0.plusSeconds(300));
        assertThat(active.warnings()).extracting(WeatherWarning::getIdentifier).containsExactly("B");
        assertThat(active.warnings().get(0).getColour()).isEqualTo(WarningColour.WARNING_COLOUR_ORANGE);
        var resend = apply("m1", alert("A", WARNING_COLOUR_YELLOW, T0, polygonArea(CENTRAL_JINAN)));
        assertThat(resend.reply().getValue()).isEqualTo(new WarningBoard.WarningApplied("m1", "A", true));
        assertThat(resend.events()).isEmpty();
    }
}
