package cn.emcc.command.situation;

import cn.emcc.command.testsupport.HandClock;
import cn.emcc.protocols.v1.LineString;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
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
import static org.assertj.core.api.Assertions.assertThat;

/** The traffic board: replace by condition id, clear, expire, remember message ids, recover. */
class TrafficBoardTest {

    private static final ActorTestKit KIT = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    private static final SituationSettings SETTINGS = SituationSettings.fromConfig(ConfigFactory.load());
    /** G2 京沪高速, 济南段 K412–K420, heading south past 济南东. */
    private static final LineString G2_JINAN = LineString.newBuilder()
            .addPoints(point(117.1803, 36.7125)).addPoints(point(117.2011, 36.6488)).build();

    private HandClock clock;
    private EventSourcedBehaviorTestKit<TrafficBoard.Command, TrafficBoard.Event, TrafficBoard.State> board;

    @BeforeEach
    void fresh() {
        clock = new HandClock(T0);
        board = EventSourcedBehaviorTestKit.create(KIT.system(), TrafficBoard.create("province", SETTINGS, clock));
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static TrafficCondition.Builder congestion(String id, double speedKmh, Duration validFor) {
        return TrafficCondition.newBuilder()
                .setConditionId(id)
                .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION)
                .setRoadName("G2 京沪高速 K412-K420")
                .setSegment(G2_JINAN)
                .setSpeedKmh(speedKmh)
                .setObservedAt(ts(T0))
                .setValidUntil(ts(T0.plus(validFor)));
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<TrafficBoard.Command, TrafficBoard.Event,
            TrafficBoard.State, StatusReply<TrafficBoard.TrafficConditionApplied>> apply(String messageId,
                                                                                         TrafficCondition.Builder c) {
        return board.runCommand(replyTo -> new TrafficBoard.ApplyTrafficCondition(messageId, c.build().toByteArray(), replyTo));
    }

    private TrafficConditions at(Instant at) {
        return board.<TrafficConditions>runCommand(replyTo -> new TrafficBoard.GetTrafficConditions(at, replyTo)).reply();
    }

    @Test
    void a_later_message_with_the_same_condition_id_replaces_the_condition() {
        apply("m1", congestion("G2-K412", 20, Duration.ofHours(2)));
        apply("m2", congestion("G3-K30", 40, Duration.ofHours(2)).setRoadName("G3 京台高速 K30"));

        var result = apply("m3", congestion("G2-K412", 5, Duration.ofHours(2)));

        assertThat(result.reply().getValue()).isEqualTo(new TrafficBoard.TrafficConditionApplied("m3", "G2-K412", false));
        TrafficConditions now = at(T0.plusSeconds(60));
        assertThat(now.conditions()).extracting(TrafficCondition::getConditionId).containsExactly("G2-K412", "G3-K30");
        assertThat(now.conditions().get(0).getSpeedKmh()).isEqualTo(5.0);
    }

    @Test
    void a_cleared_condition_is_removed() {
        apply("m1", congestion("G2-K412", 20, Duration.ofHours(2)));

        var result = apply("m2", TrafficCondition.newBuilder().setConditionId("G2-K412").setCleared(true));

        assertThat(result.reply().getValue()).isEqualTo(new TrafficBoard.TrafficConditionApplied("m2", "G2-K412", false));
        assertThat(result.events()).singleElement().isInstanceOf(TrafficBoard.TrafficConditionCleared.class);
        assertThat(at(T0.plusSeconds(60)).conditions()).isEmpty();
    }

    @Test
    void an_expired_condition_is_never_returned_and_is_pruned_by_the_next_event() {
        apply("m1", congestion("G2-K412", 20, Duration.ofHours(1)));
        apply("m2", congestion("G3-K30", 40, Duration.ofHours(3)));

        assertThat(at(T0.plus(Duration.ofMinutes(59))).conditions()).hasSize(2);
        assertThat(at(T0.plus(Duration.ofHours(1))).conditions()).extracting(TrafficCondition::getConditionId)
                .containsExactly("G3-K30");

        clock.advance(Duration.ofHours(2));
        var later = apply("m3", congestion("S1-K5", 30, Duration.ofHours(4)));

        assertThat(later.state().conditions()).containsOnlyKeys("G3-K30", "S1-K5");
    }

    @Test
    void a_resent_message_id_is_a_duplicate_and_persists_nothing() {
        apply("m1", congestion("G2-K412", 20, Duration.ofHours(2)));

        var resend = apply("m1", congestion("G2-K412", 20, Duration.ofHours(2)));

        assertThat(resend.reply().getValue()).isEqualTo(new TrafficBoard.TrafficConditionApplied("m1", "G2-K412", true));
        assertThat(resend.events()).isEmpty();
    }

    @Test
    void a_condition_without_valid_until_is_refused() {
        var result = apply("m1", congestion("G2-K412", 20, Duration.ofHours(2)).clearValidUntil());

        assertThat(result.reply().getError().getMessage()).startsWith("valid_until: must be set on condition G2-K412");
        assertThat(result.events()).isEmpty();
    }

    @Test
    void conditions_and_message_ids_survive_a_restart() {
        apply("m1", congestion("G2-K412", 20, Duration.ofHours(2)));
        apply("m2", congestion("G3-K30", 40, Duration.ofHours(2)));
        apply("m3", TrafficCondition.newBuilder().setConditionId("G3-K30").setCleared(true));
        apply("m4", congestion("G2-K412", 8, Duration.ofHours(2)));

        board.restart();

        TrafficConditions now = at(T0.plusSeconds(60));
        assertThat(now.conditions()).extracting(TrafficCondition::getConditionId).containsExactly("G2-K412");
        assertThat(now.conditions().get(0).getSpeedKmh()).isEqualTo(8.0);
        assertThat(apply("m2", congestion("G3-K30", 40, Duration.ofHours(2))).reply().getValue().duplicate()).isTrue();
    }
}
