package cn.emcc.command.unit;

import cn.emcc.command.incident.Who;
import cn.emcc.dispatch.Unit;
import cn.emcc.dispatch.UnitType;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.UnitStatus;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the unit directory tells the command nodes: the whole roster at start,
 * a status or assignment change at once, and a moving unit once per interval
 * with its latest fix, however many fixes came in.
 */
class UnitDirectoryStreamTest {

    private static final GeoPoint STATION = point(117.0040, 36.6162);
    private static final UnitRoster ROSTER = UnitRoster.of(List.of(
            Unit.atHome("F-370103-3-PE1", UnitType.PUMPER_ENGINE, "市中区第3消防救援站", "370103", "370100", STATION),
            Unit.atHome("P-370102-1-PC1", UnitType.PATROL_CAR, "历下分局", "370102", "370100", STATION)));
    private static final Who OFFICER = Who.officer("wang.fang", "370102");
    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");

    private final ActorTestKit kit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.parseString(
            "pekko.actor.provider = local")).withFallback(ConfigFactory.load()));
    private final ManualTime time = ManualTime.get(kit.system());
    private final List<UnitDirectory.UnitChanged> told = new CopyOnWriteArrayList<>();
    private final ActorRef<UnitDirectory.Command> directory = kit.spawn(UnitDirectory.create(ROSTER,
            JurisdictionLoader.loadDefault().tree(), Duration.ofMinutes(1), 10, told::add, Duration.ofSeconds(1)));

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void the_roster_is_told_at_start_and_a_moving_unit_once_per_interval_with_its_latest_fix() {
        settle();
        assertThat(told).extracting(c -> c.unit().unitId()).containsExactly("F-370103-3-PE1", "P-370102-1-PC1");
        assertThat(told).allSatisfy(c -> {
            assertThat(c.unit().status()).isEqualTo(UnitStatus.UNIT_STATUS_AVAILABLE);
            assertThat(c.statusSince()).isNull();
            assertThat(c.incidentId()).isEmpty();
        });
        told.clear();

        for (int i = 1; i <= 100; i++) {
            directory.tell(new UnitDirectory.PositionFix("P-370102-1-PC1", point(117.0 + i / 1000.0, 36.6), T0.plusSeconds(i)));
        }
        settle();
        assertThat(told).as("fixes wait for the interval").isEmpty();

        time.timePasses(Duration.ofSeconds(1));
        settle();
        assertThat(told).singleElement().satisfies(c -> {
            assertThat(c.unit().unitId()).isEqualTo("P-370102-1-PC1");
            assertThat(c.unit().position()).isEqualTo(point(117.1, 36.6));
        });

        told.clear();
        time.timePasses(Duration.ofSeconds(1));
        settle();
        assertThat(told).as("nothing moved since").isEmpty();
    }

    @Test
    void a_status_change_is_told_at_once_with_the_latest_position_and_its_incident() {
        settle();
        told.clear();
        directory.tell(new UnitDirectory.PositionFix("F-370103-3-PE1", point(117.01, 36.62), T0.plusSeconds(5)));
        directory.tell(new UnitDirectory.UnitEventSeen(new UnitActor.UnitAssigned("F-370103-3-PE1", T0.plusSeconds(6),
                "order-1", "370103-20261129-0001", OFFICER)));
        settle();
        assertThat(told).singleElement().satisfies(c -> {
            assertThat(c.unit().status()).isEqualTo(UnitStatus.UNIT_STATUS_DISPATCHED);
            assertThat(c.unit().position()).isEqualTo(point(117.01, 36.62));
            assertThat(c.statusSince()).isEqualTo(T0.plusSeconds(6));
            assertThat(c.incidentId()).isEqualTo("370103-20261129-0001");
        });
        time.timePasses(Duration.ofSeconds(1));
        settle();
        assertThat(told).as("the status change already carried the fix").hasSize(1);

        directory.tell(new UnitDirectory.UnitEventSeen(new UnitActor.UnitStatusChanged("F-370103-3-PE1",
                T0.plusSeconds(60), UnitStatus.UNIT_STATUS_DISPATCHED, UnitStatus.UNIT_STATUS_ON_SCENE, "order-1", OFFICER)));
        directory.tell(new UnitDirectory.UnitEventSeen(new UnitActor.UnitReleased("F-370103-3-PE1",
                T0.plusSeconds(900), "order-1", OFFICER, "done")));
        settle();
        assertThat(told).hasSize(3);
        assertThat(told.get(1).incidentId()).isEqualTo("370103-20261129-0001");
        assertThat(told.get(1).unit().status()).isEqualTo(UnitStatus.UNIT_STATUS_ON_SCENE);
        assertThat(told.get(2).incidentId()).isEmpty();
        assertThat(told.get(2).unit().status()).isEqualTo(UnitStatus.UNIT_STATUS_AVAILABLE);
        assertThat(told.get(2).statusSince()).isEqualTo(T0.plusSeconds(900));
    }

    @Test
    void the_listing_names_the_incident_of_each_assigned_unit_until_it_is_released() {
        directory.tell(new UnitDirectory.UnitEventSeen(new UnitActor.UnitAssigned("F-370103-3-PE1", T0.plusSeconds(6),
                "order-1", "370103-20261129-0001", OFFICER)));
        assertThat(listed().assignedTo()).containsExactly(Map.entry("F-370103-3-PE1", "370103-20261129-0001"));
        directory.tell(new UnitDirectory.UnitEventSeen(new UnitActor.UnitReleased("F-370103-3-PE1",
                T0.plusSeconds(900), "order-1", OFFICER, "done")));
        assertThat(listed().assignedTo()).isEmpty();
    }

    private UnitDirectory.Listed listed() {
        TestProbe<UnitDirectory.Listed> probe = kit.createTestProbe();
        directory.tell(new UnitDirectory.ListUnits(probe.getRef()));
        return probe.receiveMessage();
    }

    /** The directory has handled everything sent before: it answers in order. */
    private void settle() {
        TestProbe<UnitDirectory.Found> probe = kit.createTestProbe();
        directory.tell(new UnitDirectory.GetUnit("F-370103-3-PE1", probe.getRef()));
        probe.receiveMessage();
    }

    private static GeoPoint point(double lon, double lat) {
        return GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat).build();
    }
}
