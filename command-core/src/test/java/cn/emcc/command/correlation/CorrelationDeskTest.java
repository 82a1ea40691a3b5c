package cn.emcc.command.correlation;

import cn.emcc.command.correlation.CorrelationDesk.BatchRouted;
import cn.emcc.command.correlation.CorrelationDesk.RouteReport;
import cn.emcc.command.correlation.CorrelationDesk.Routed;
import cn.emcc.command.incident.Report;
import cn.emcc.command.testsupport.EmccTestConfig;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static cn.emcc.command.incident.Reports.*;
import static cn.emcc.protocols.v1.Agency.AGENCY_FIRE;
import static cn.emcc.protocols.v1.Agency.AGENCY_POLICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The correlation desk decides reports in batches: every report of a batch
 * sees the decisions before it, a resend gets its first decision, and all of
 * it survives a restart. Commands, events and state go through the real serializer.
 */
class CorrelationDeskTest {

    private static final ActorTestKit KIT = ActorTestKit.create(
            EmccTestConfig.layer().withFallback(EventSourcedBehaviorTestKit.config()).withFallback(ConfigFactory.load()));
    private static final CorrelationRules RULES = CorrelationRules.fromConfig(ConfigFactory.load());
    private static final Correlator CORRELATOR = new Correlator(RULES);

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static RouteReport route(Report r, String ended) {
        // The journal answers the batch; the callers' own refs are not used by it.
        return new RouteReport(r, ended, KIT.<Routed>createTestProbe().ref());
    }

    @Test
    void a_batch_is_decided_in_order_and_written_at_once() {
        EventSourcedBehaviorTestKit<DeskJournal.Command, CorrelationDesk.Event, CorrelationDesk.State> desk =
                EventSourcedBehaviorTestKit.create(KIT.system(), DeskJournal.create("370102", CORRELATOR,
                        RULES.widestWindow()));
        Report first = fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0);
        Report second = fire("m2", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 300), T0.plusSeconds(60));
        Report far = fire("m3", AGENCY_FIRE, QUANCHENG_LON, north(QUANCHENG_LAT, 5_000), T0.plusSeconds(90));

        var result = desk.<BatchRouted>runCommand(replyTo -> new DeskJournal.RouteBatch(1, List.of(
                route(first, null), route(second, null), route(first, null), route(far, null)), replyTo));

        assertThat(result.reply().batch()).isEqualTo(1);
        assertThat(result.reply().routed()).extracting(Routed::incidentId, Routed::opensIncident, Routed::repeated)
                .containsExactly(
                        tuple("370102-20260712-0001", true, false),
                        tuple("370102-20260712-0001", false, false),
                        tuple("370102-20260712-0001", true, true),
                        tuple("370102-20260712-0002", true, false));
        assertThat(result.events()).hasSize(3).allMatch(e -> e instanceof CorrelationDesk.ReportRouted);

        desk.restart();
        var again = desk.<BatchRouted>runCommand(replyTo -> new DeskJournal.RouteBatch(2, List.of(
                route(second, null)), replyTo));
        assertThat(again.reply().routed()).containsExactly(
                new Routed("370102-20260712-0001", false, again.reply().routed().get(0).reason(), true));
        assertThat(again.events()).isEmpty();
        assertThat(again.state().sequenceOfDay()).isEqualTo(2);
    }

    @Test
    void a_report_refused_by_an_ended_incident_is_decided_again_without_it() {
        EventSourcedBehaviorTestKit<DeskJournal.Command, CorrelationDesk.Event, CorrelationDesk.State> desk =
                EventSourcedBehaviorTestKit.create(KIT.system(), DeskJournal.create("370102", CORRELATOR,
                        RULES.widestWindow()));
        Report first = fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0);
        Report second = fire("m2", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 300), T0.plusSeconds(60));
        desk.<BatchRouted>runCommand(replyTo -> new DeskJournal.RouteBatch(1, List.of(route(first, null), route(second, null)),
                replyTo));

        var rerouted = desk.<BatchRouted>runCommand(replyTo -> new DeskJournal.RouteBatch(2, List.of(
                route(second, "370102-20260712-0001")), replyTo));

        assertThat(rerouted.reply().routed().get(0).incidentId()).isEqualTo("370102-20260712-0002");
        assertThat(rerouted.reply().routed().get(0).opensIncident()).isTrue();
        assertThat(rerouted.events()).hasSize(2).first().isInstanceOf(CorrelationDesk.IncidentEnded.class);
    }

    @Test
    void many_reports_sent_at_once_each_get_their_own_answer_and_distinct_incident_ids() {
        ActorRef<CorrelationDesk.Command> desk = KIT.spawn(
                CorrelationDesk.create("370103", CORRELATOR, RULES.widestWindow(), Duration.ofSeconds(5)));
        List<TestProbe<Routed>> callers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TestProbe<Routed> caller = KIT.createTestProbe();
            callers.add(caller);
            // 2 km apart: no two correlate.
            Report r = fire("many-" + i, AGENCY_FIRE, QUANCHENG_LON + i * 0.025, QUANCHENG_LAT, T0.plusSeconds(i));
            desk.tell(new RouteReport(r, null, caller.ref()));
        }
        Set<String> incidents = new HashSet<>();
        for (TestProbe<Routed> caller : callers) {
            Routed routed = caller.receiveMessage(Duration.ofSeconds(10));
            assertThat(routed.opensIncident()).isTrue();
            incidents.add(routed.incidentId());
        }
        assertThat(incidents).hasSize(40).contains("370103-20260712-0001", "370103-20260712-0040");
    }
}
