package cn.emcc.command.unit;

import cn.emcc.command.incident.Who;
import cn.emcc.command.testsupport.EmccTestConfig;
import cn.emcc.dispatch.Unit;
import cn.emcc.dispatch.UnitType;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.UnitStatus;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unit entity's rules: seeded from the roster, committed to one order at
 * a time, released only from the order it is on, and all of it back after a
 * restart; every message round-trips the real serializer.
 */
class UnitActorTest {

    private static final ActorTestKit KIT = ActorTestKit.create(
            EmccTestConfig.layer().withFallback(EventSourcedBehaviorTestKit.config()).withFallback(ConfigFactory.load()));
    private static final GeoPoint STATION = GeoPoint.newBuilder().setLongitude(117.0040).setLatitude(36.6162).build();
    private static final UnitRoster ROSTER = UnitRoster.of(List.of(
            Unit.atHome("F-370103-3-PE1", UnitType.PUMPER_ENGINE, "市中区第3消防救援站", "370103", "370100", STATION),
            Unit.atHome("F-370103-3-PE2", UnitType.PUMPER_ENGINE, "市中区第3消防救援站", "370103", "370100", STATION)
                    .withStatus(UnitStatus.UNIT_STATUS_OUT_OF_SERVICE)));
    private static final Who OFFICER = Who.officer("wang.fang", "370102");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T02:00:00Z"), ZoneOffset.UTC);

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static EventSourcedBehaviorTestKit<UnitActor.Command, UnitActor.Event, UnitActor.State> unit(String id) {
        return EventSourcedBehaviorTestKit.create(KIT.system(), UnitActor.create(id, ROSTER, CLOCK));
    }

    private static StatusReply<UnitSnapshot> assign(
            EventSourcedBehaviorTestKit<UnitActor.Command, UnitActor.Event, UnitActor.State> u, String order) {
        return u.<StatusReply<UnitSnapshot>>runCommand(r -> new UnitActor.Assign(order, "370102-20261129-0001", OFFICER, r))
                .reply();
    }

    @Test
    void a_unit_starts_as_its_roster_entry_and_is_committed_to_one_order_at_a_time() {
        var u = unit("F-370103-3-PE1");
        UnitSnapshot start = u.<StatusReply<UnitSnapshot>>runCommand(UnitActor.GetUnit::new).reply().getValue();
        assertThat(start.status()).isEqualTo(UnitStatus.UNIT_STATUS_AVAILABLE);
        assertThat(start.countyAdcode()).isEqualTo("370103");

        assertThat(assign(u, "A.F-370103-3-PE1.1").getValue().status()).isEqualTo(UnitStatus.UNIT_STATUS_DISPATCHED);
        assertThat(assign(u, "A.F-370103-3-PE1.1").isSuccess()).as("the same order again").isTrue();

        var second = u.<StatusReply<UnitSnapshot>>runCommand(
                r -> new UnitActor.Assign("B.F-370103-3-PE1.1", "370102-20261129-0002", OFFICER, r));
        assertThat(second.reply().isError()).isTrue();
        assertThat(second.reply().getError().getMessage()).contains("busy").contains("A.F-370103-3-PE1.1");
        assertThat(second.hasNoEvents()).isTrue();
    }

    @Test
    void only_the_order_a_unit_is_on_can_release_it_and_the_state_survives_a_restart() {
        var u = unit("F-370103-3-PE1");
        var never = u.<StatusReply<UnitSnapshot>>runCommand(r -> new UnitActor.Release("X.F-370103-3-PE1.1", OFFICER, "stand down", r));
        assertThat(never.reply().getError().getMessage()).contains("never dispatched");

        assign(u, "A.F-370103-3-PE1.1");
        var status = u.<StatusReply<UnitActor.StatusUpdated>>runCommand(r -> new UnitActor.UpdateStatus(
                UnitStatus.UNIT_STATUS_EN_ROUTE, "A.F-370103-3-PE1.1", Who.agency("AGENCY_FIRE", "shizhong-119"), r));
        assertThat(status.reply().getValue().duplicate()).isFalse();
        var wrongOrder = u.<StatusReply<UnitActor.StatusUpdated>>runCommand(r -> new UnitActor.UpdateStatus(
                UnitStatus.UNIT_STATUS_ON_SCENE, "B.F-370103-3-PE1.1", Who.agency("AGENCY_FIRE", "shizhong-119"), r));
        assertThat(wrongOrder.reply().getError().getMessage()).startsWith("unknown reference");

        u.restart();
        UnitSnapshot recovered = u.<StatusReply<UnitSnapshot>>runCommand(UnitActor.GetUnit::new).reply().getValue();
        assertThat(recovered.status()).isEqualTo(UnitStatus.UNIT_STATUS_EN_ROUTE);
        assertThat(recovered.orderId()).isEqualTo("A.F-370103-3-PE1.1");

        var released = u.<StatusReply<UnitSnapshot>>runCommand(r -> new UnitActor.Release("A.F-370103-3-PE1.1", OFFICER, "done", r));
        assertThat(released.reply().getValue().status()).isEqualTo(UnitStatus.UNIT_STATUS_AVAILABLE);
        assertThat(released.reply().getValue().assigned()).isFalse();
    }

    @Test
    void an_out_of_service_unit_and_an_unknown_id_are_refused_with_a_reason() {
        assertThat(assign(unit("F-370103-3-PE2"), "A.F-370103-3-PE2.1").getError().getMessage())
                .contains("OUT_OF_SERVICE").contains("only an AVAILABLE unit");
        var unknown = unit("NO-SUCH-UNIT");
        assertThat(assign(unknown, "A.NO-SUCH-UNIT.1").getError().getMessage()).contains("not on the roster");
    }
}
