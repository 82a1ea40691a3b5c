package cn.emcc.command.correlation;

import cn.emcc.command.correlation.CorrelationDesk.RouteReports;
import cn.emcc.command.correlation.CorrelationDesk.RouteRequest;
import cn.emcc.command.correlation.CorrelationDesk.Routed;
import cn.emcc.command.incident.Report;
import cn.emcc.command.testsupport.EmccTestConfig;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.emcc.command.incident.Reports.*;
import static cn.emcc.protocols.v1.Agency.AGENCY_FIRE;
import static cn.emcc.protocols.v1.Agency.AGENCY_POLICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correlation desk decides once per message id: a second caller joins,
 * a resend gets its first decision (also after a restart), a report refused
 * by an ended incident is decided again. Commands, events and state go
 * through the real serializer.
 */
class CorrelationDeskTest {

    private static final ActorTestKit KIT = ActorTestKit.create(
            EmccTestConfig.layer().withFallback(EventSourcedBehaviorTestKit.config()).withFallback(ConfigFactory.load()));
    private static final CorrelationRules RULES = CorrelationRules.fromConfig(ConfigFactory.load());

    private EventSourcedBehaviorTestKit<CorrelationDesk.Command, CorrelationDesk.Event, CorrelationDesk.State> desk;

    @BeforeEach
    void fresh() {
        desk = EventSourcedBehaviorTestKit.create(KIT.system(),
                CorrelationDesk.create("370102", new Correlator(RULES), RULES.widestWindow()));
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    /** One report's decision and the events it wrote. */
    private record Routing(Routed reply, List<CorrelationDesk.Event> events) {
    }

    /** A batch of one. */
    private Routing route(Report r, String endedIncident) {
        var result = desk.<CorrelationDesk.RoutedBatch>runCommand(replyTo ->
                new RouteReports(List.of(new RouteRequest(r, endedIncident)), replyTo));
        return new Routing(result.reply().routed().get(0), result.events());
    }

    @Test
    void a_second_caller_joins_a_resend_is_answered_the_same_and_a_far_report_opens_the_next_id() {
        Report first = fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0);
        Report second = fire("m2", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 300), T0.plusSeconds(60));
        Report far = fire("m3", AGENCY_FIRE, QUANCHENG_LON, north(QUANCHENG_LAT, 5_000), T0.plusSeconds(90));

        Routed opened = route(first, null).reply();
        assertThat(opened.incidentId()).isEqualTo("370102-20260712-0001");
        assertThat(opened.opensIncident()).isTrue();
        assertThat(opened.repeated()).isFalse();
        Routed joined = route(second, null).reply();
        assertThat(joined.incidentId()).isEqualTo("370102-20260712-0001");
        assertThat(joined.opensIncident()).isFalse();
        assertThat(route(far, null).reply().incidentId()).isEqualTo("370102-20260712-0002");

        desk.restart();
        var resent = route(second, null);
        assertThat(resent.reply().incidentId()).isEqualTo("370102-20260712-0001");
        assertThat(resent.reply().repeated()).isTrue();
        assertThat(resent.events()).isEmpty();
    }

    @Test
    void a_report_refused_by_an_ended_incident_is_decided_again_without_it() {
        route(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0), null);
        Report second = fire("m2", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 300), T0.plusSeconds(60));
        route(second, null);

        var rerouted = route(second, "370102-20260712-0001");

        assertThat(rerouted.reply().incidentId()).isEqualTo("370102-20260712-0002");
        assertThat(rerouted.reply().opensIncident()).isTrue();
        assertThat(rerouted.events()).hasSize(2).first().isInstanceOf(CorrelationDesk.IncidentEnded.class);
    }

    @Test
    void a_batch_is_decided_in_order_in_one_write_as_one_report_after_another_would_be() {
        Report first = fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0);
        Report second = fire("m2", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 300), T0.plusSeconds(60));
        Report far = fire("m3", AGENCY_FIRE, QUANCHENG_LON, north(QUANCHENG_LAT, 5_000), T0.plusSeconds(90));

        var batch = desk.<CorrelationDesk.RoutedBatch>runCommand(replyTo -> new RouteReports(List.of(new RouteRequest(first, null),
                new RouteRequest(second, null), new RouteRequest(first, null), new RouteRequest(far, null)), replyTo));

        List<Routed> routed = batch.reply().routed();
        assertThat(routed).extracting(Routed::incidentId).containsExactly("370102-20260712-0001",
                "370102-20260712-0001", "370102-20260712-0001", "370102-20260712-0002");
        assertThat(routed).extracting(Routed::opensIncident).containsExactly(true, false, true, true);
        assertThat(routed).extracting(Routed::repeated).containsExactly(false, false, true, false);
        assertThat(batch.events()).hasSize(3); // the repeat inside the batch writes nothing

        desk.restart();
        assertThat(route(second, null).reply().repeated()).isTrue();
        assertThat(route(fire("m4", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 5_100), T0.plusSeconds(120)),
                null).reply().incidentId()).as("joins the far incident the batch opened")
                .isEqualTo("370102-20260712-0002");
    }

    @Test
    void a_batch_can_reroute_away_from_an_ended_incident_and_later_reports_do_not_join_it() {
        route(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0), null);
        Report second = fire("m2", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 300), T0.plusSeconds(60));
        Report third = fire("m3", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 200), T0.plusSeconds(70));

        var batch = desk.<CorrelationDesk.RoutedBatch>runCommand(replyTo -> new RouteReports(List.of(
                new RouteRequest(second, "370102-20260712-0001"), new RouteRequest(third, null)), replyTo));

        assertThat(batch.reply().routed()).extracting(Routed::incidentId)
                .containsExactly("370102-20260712-0002", "370102-20260712-0002");
    }

    @Test
    void a_late_report_from_before_midnight_never_reuses_an_incident_id_of_the_day_already_counted() {
        Report today = fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0);
        Report yesterday = fire("m2", AGENCY_FIRE, QUANCHENG_LON, north(QUANCHENG_LAT, 9_000),
                T0.minus(java.time.Duration.ofDays(1)));
        Report todayAgain = fire("m3", AGENCY_FIRE, QUANCHENG_LON, north(QUANCHENG_LAT, 20_000), T0.plusSeconds(30));

        assertThat(route(today, null).reply().incidentId()).isEqualTo("370102-20260712-0001");
        assertThat(route(yesterday, null).reply().incidentId()).isEqualTo("370102-20260712-0002");
        assertThat(route(todayAgain, null).reply().incidentId()).isEqualTo("370102-20260712-0003");
    }
}
