package cn.emcc.command.correlation;

import cn.emcc.command.correlation.CorrelationDesk.RouteReport;
import cn.emcc.command.correlation.CorrelationDesk.Routed;
import cn.emcc.command.incident.Report;
import cn.emcc.command.testsupport.EmccTestConfig;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    private EventSourcedBehaviorTestKit.CommandResultWithReply<CorrelationDesk.Command, CorrelationDesk.Event,
            CorrelationDesk.State, Routed> route(Report r, String endedIncident) {
        return desk.runCommand(replyTo -> new RouteReport(r, endedIncident, replyTo));
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
}
