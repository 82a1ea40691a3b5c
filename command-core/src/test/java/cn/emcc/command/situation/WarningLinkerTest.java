package cn.emcc.command.situation;

import cn.emcc.command.grading.GradingRules;
import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.incident.Counts;
import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.incident.IncidentDetails;
import cn.emcc.command.incident.Report;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.MessageStatus;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static cn.emcc.command.situation.Warnings.*;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_RED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The situation layer on a one-node cluster with the real sharded
 * IncidentActor: a red rainstorm warning over Jinan links the flooded
 * incident inside it, which regrades, and leaves the one in Qingdao alone.
 */
class WarningLinkerTest {

    private static final Config CONFIG = ConfigFactory.parseString("""
                    pekko.actor.provider = cluster
                    pekko.remote.artery.canonical.hostname = 127.0.0.1
                    pekko.remote.artery.canonical.port = 0
                    pekko.actor.serialize-messages = on
                    # Passes in this test run on request only, so each assertion knows which pass it sees.
                    emcc.situation.link-interval = 1h
                    emcc.situation.warning-refresh = 1h
                    """)
            .withFallback(PersistenceTestKitPlugin.getInstance().config())
            .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
            .withFallback(ConfigFactory.load());
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Function<String, Set<String>> ANCESTORS =
            county -> Set.of(county.substring(0, 4) + "00", county.substring(0, 2) + "0000");

    private static final ActorTestKit KIT = ActorTestKit.create("WarningLinkerTest", CONFIG);
    private static final String JINAN_INCIDENT = "370102-20260712-0001";
    private static final String QINGDAO_INCIDENT = "370202-20260712-0001";

    private static Situation situation;

    @BeforeAll
    static void cluster() {
        ActorSystem<?> system = KIT.system();
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        KIT.createTestProbe().awaitAssert(WAIT, () -> {
            assertThat(cluster.selfMember().status()).isEqualTo(MemberStatus.up());
            return null;
        });
        IncidentActor.init(system, GradingRules.fromConfig(ConfigFactory.load()), Clock.systemUTC());
        situation = Situation.start(system, SituationSettings.fromConfig(CONFIG), Clock.systemUTC(),
                new IncidentsByAsking(List.of(JINAN_INCIDENT, QINGDAO_INCIDENT)), ANCESTORS);
        open(JINAN_INCIDENT, "370102", JINAN_LON, JINAN_LAT, "济南市历下区泉城路");
        open(QINGDAO_INCIDENT, "370202", QINGDAO_LON, QINGDAO_LAT, "青岛市市南区东海西路");
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void a_flooded_incident_inside_a_red_rainstorm_polygon_is_linked_and_regraded_and_unlinked_on_cancel() {
        assertThat(incident(JINAN_INCIDENT).grade()).isEqualTo(Grade.GRADE_IV);
        Instant now = Instant.now();
        String id = "37010041600000_20260712083000";

        WarningBoard.WarningApplied applied = await(situation.applyWarning("wx-1",
                alert(id, WARNING_COLOUR_RED, now.minusSeconds(60), polygonArea(CENTRAL_JINAN)).build().toByteArray()));
        LinkPass after = reconcile();

        assertThat(applied.duplicate()).isFalse();
        IncidentDetails jinan = incident(JINAN_INCIDENT);
        assertThat(jinan.warnings()).containsExactly(new WarningInForce(id, Hazard.HAZARD_RAINSTORM, WARNING_COLOUR_RED));
        assertThat(jinan.grade()).isEqualTo(Grade.GRADE_II);
        assertThat(jinan.gradeReason()).contains("flood under red rainstorm/typhoon warning");
        IncidentDetails qingdao = incident(QINGDAO_INCIDENT);
        assertThat(qingdao.warnings()).isEmpty();
        assertThat(qingdao.grade()).isEqualTo(Grade.GRADE_IV);
        // The pass triggered by the warning already linked Jinan; a pass after it finds nothing to change.
        assertThat(after).isEqualTo(new LinkPass(2, 0, 0));
        assertThat(situation.warnings().current().warnings()).hasSize(1);

        await(situation.applyWarning("wx-2", cancel(id + "-cancel", now, id).build().toByteArray()));
        reconcile();

        IncidentDetails cancelled = incident(JINAN_INCIDENT);
        assertThat(cancelled.warnings()).isEmpty();
        assertThat(cancelled.grade()).isEqualTo(Grade.GRADE_IV);
        assertThat(situation.warnings().current().size()).isZero();
    }

    private static LinkPass reconcile() {
        TestProbe<StatusReply<LinkPass>> probe = KIT.createTestProbe();
        situation.linker().tell(new WarningLinker.ReconcileAndReport(probe.ref()));
        return probe.receiveMessage(WAIT).getValue();
    }

    private static void open(String incidentId, String county, double lon, double lat, String address) {
        Report flood = new Report("rpt-" + incidentId, Agency.AGENCY_POLICE, "110", "src-" + incidentId,
                T0, lon, lat, address, county, IncidentCategory.INCIDENT_CATEGORY_FLOOD_WATERLOGGING,
                "积水没过车轮", Counts.NONE, false, MessageStatus.MESSAGE_STATUS_ACTUAL);
        await(ClusterSharding.get(KIT.system()).entityRefFor(IncidentActor.ENTITY_TYPE_KEY, incidentId)
                .<IncidentActor.FileOutcome>ask(replyTo -> new IncidentActor.FileReport(flood,
                        county.substring(0, 4) + "00", "test", List.of(), replyTo), WAIT));
    }

    private static IncidentDetails incident(String incidentId) {
        return await(ClusterSharding.get(KIT.system()).entityRefFor(IncidentActor.ENTITY_TYPE_KEY, incidentId)
                .askWithStatus(IncidentActor.GetIncident::new, WAIT));
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The read side, played by asking each incident for its details. */
    private record IncidentsByAsking(List<String> ids) implements OpenIncidents {
        @Override
        public List<OpenIncidentRef> open() {
            return ids.stream().map(WarningLinkerTest::incident)
                    .map(d -> new OpenIncidentRef(d.incidentId(), d.position().longitude(), d.position().latitude(),
                            d.countyAdcode(), d.warnings()))
                    .toList();
        }
    }
}
