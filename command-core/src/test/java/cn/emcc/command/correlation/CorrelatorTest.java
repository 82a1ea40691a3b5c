package cn.emcc.command.correlation;

import cn.emcc.command.incident.Counts;
import cn.emcc.command.incident.GeoPosition;
import cn.emcc.command.incident.Report;
import cn.emcc.dispatch.PhraseCode;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static cn.emcc.command.incident.Reports.*;
import static cn.emcc.protocols.v1.Agency.AGENCY_FIRE;
import static cn.emcc.protocols.v1.Agency.AGENCY_POLICE;
import static cn.emcc.protocols.v1.IncidentCategory.*;
import static org.assertj.core.api.Assertions.assertThat;

class CorrelatorTest {

    private final Correlator correlator = new Correlator(CorrelationRules.fromConfig(ConfigFactory.load()));

    private static OpenIncidentSummary fireAt(String id, double lat) {
        return new OpenIncidentSummary(id, INCIDENT_CATEGORY_FIRE_BUILDING, new GeoPosition(QUANCHENG_LON, lat), T0);
    }

    @Test
    void a_fire_seen_from_800_m_is_the_same_fire_and_the_reason_says_why() {
        Report seen = fire("m2", AGENCY_POLICE, QUANCHENG_LON, north(QUANCHENG_LAT, 790), T0.plus(Duration.ofMinutes(3)));

        Correlation c = correlator.correlate(seen, List.of(fireAt("A", QUANCHENG_LAT)));

        assertThat(c).isEqualTo(new Correlation.Join("A", "joined: 790 m, 3 min, fire_building/fire_building (fire)"));
        assertThat(Correlator.phraseOf(((Correlation.Join) c).reason())).as("the reason as a phrase for the console")
                .isEqualTo(PhraseCode.CORRELATION_JOINED.with("790", "3", "INCIDENT_CATEGORY_FIRE_BUILDING",
                        "INCIDENT_CATEGORY_FIRE_BUILDING", "fire"));
    }

    @Test
    void a_reason_for_a_new_incident_reads_back_as_a_phrase_and_other_words_do_not() {
        Report late = fire("m2", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0.plus(Duration.ofMinutes(91)));

        Correlation c = correlator.correlate(late, List.of(fireAt("A", QUANCHENG_LAT)));

        assertThat(Correlator.phraseOf(((Correlation.OpenNew) c).reason()))
                .isEqualTo(PhraseCode.CORRELATION_NEW.with("INCIDENT_CATEGORY_FIRE_BUILDING", "1"));
        assertThat(Correlator.phraseOf("值班员手工立案")).isNull();
    }

    @Test
    void two_traffic_accidents_800_m_apart_are_two_incidents() {
        OpenIncidentSummary crash = new OpenIncidentSummary("A", INCIDENT_CATEGORY_TRAFFIC_ACCIDENT,
                new GeoPosition(QUANCHENG_LON, QUANCHENG_LAT), T0);
        Report other = report("m2", AGENCY_POLICE, INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, QUANCHENG_LON,
                north(QUANCHENG_LAT, 800), T0.plusSeconds(60), Counts.NONE, false);

        assertThat(correlator.correlate(other, List.of(crash))).isInstanceOf(Correlation.OpenNew.class);
    }

    @Test
    void a_report_outside_the_window_opens_a_new_incident() {
        Report late = fire("m2", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0.plus(Duration.ofMinutes(91)));

        assertThat(correlator.correlate(late, List.of(fireAt("A", QUANCHENG_LAT)))).isInstanceOf(Correlation.OpenNew.class);
    }

    @Test
    void incompatible_categories_never_join_however_close() {
        Report security = report("m2", AGENCY_POLICE, INCIDENT_CATEGORY_PUBLIC_SECURITY, QUANCHENG_LON, QUANCHENG_LAT,
                T0, Counts.NONE, false);

        assertThat(correlator.correlate(security, List.of(fireAt("A", QUANCHENG_LAT)))).isInstanceOf(Correlation.OpenNew.class);
    }

    @Test
    void a_person_trapped_call_near_a_fire_joins_the_fire() {
        Report trapped = report("m2", AGENCY_POLICE, INCIDENT_CATEGORY_PERSON_TRAPPED, QUANCHENG_LON,
                north(QUANCHENG_LAT, 100), T0.plusSeconds(120), new Counts(1, 0, 2, 0, 0), false);

        Correlation c = correlator.correlate(trapped, List.of(fireAt("A", QUANCHENG_LAT)));

        assertThat(c).isInstanceOf(Correlation.Join.class);
        assertThat(((Correlation.Join) c).reason()).contains("person_trapped/fire_building");
    }

    @Test
    void the_nearest_of_two_candidates_wins_and_ties_break_on_the_lower_id() {
        Report r = fire("m", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0);
        OpenIncidentSummary near = fireAt("Z", north(QUANCHENG_LAT, 100));
        OpenIncidentSummary far = fireAt("B", north(QUANCHENG_LAT, 500));
        OpenIncidentSummary twin = fireAt("Y", north(QUANCHENG_LAT, 100));

        assertThat(((Correlation.Join) correlator.correlate(r, List.of(far, near))).incidentId()).isEqualTo("Z");
        assertThat(((Correlation.Join) correlator.correlate(r, List.of(near, twin, far))).incidentId()).isEqualTo("Y");
        assertThat(((Correlation.Join) correlator.correlate(r, List.of(twin, near, far))).incidentId()).isEqualTo("Y");
    }
}
