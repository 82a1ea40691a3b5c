package cn.emcc.command.escalation;

import cn.emcc.command.incident.Counts;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.IncidentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static cn.emcc.protocols.v1.EscalationKind.*;
import static org.assertj.core.api.Assertions.assertThat;

class EscalationRulesTest {

    private final EscalationRules rules = new EscalationRules(JurisdictionLoader.loadDefault().tree());

    private static IncidentSummary incident(Grade grade, IncidentStatus status) {
        Instant t = Instant.parse("2026-07-01T08:00:00Z");
        return new IncidentSummary("370102-20260701-0001", status, grade, IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING,
                117.02, 36.66, "泉城路", "370102", "370100", t, t, 1, Counts.NONE, List.of(), null);
    }

    @Test
    void the_grade_picks_the_leading_node() {
        assertThat(rules.leadNode(incident(Grade.GRADE_IV, IncidentStatus.INCIDENT_STATUS_REPORTED))).isEqualTo("370102");
        assertThat(rules.leadNode(incident(Grade.GRADE_III, IncidentStatus.INCIDENT_STATUS_REPORTED))).isEqualTo("370100");
        assertThat(rules.leadNode(incident(Grade.GRADE_II, IncidentStatus.INCIDENT_STATUS_VERIFIED))).isEqualTo("370000");
        assertThat(rules.leadNode(incident(Grade.GRADE_I, IncidentStatus.INCIDENT_STATUS_VERIFIED))).isEqualTo("370000");
        assertThat(rules.leadNode(incident(Grade.GRADE_UNSPECIFIED, IncidentStatus.INCIDENT_STATUS_REPORTED))).isEqualTo("370102");
        assertThat(rules.leadNode(incident(Grade.GRADE_II, IncidentStatus.INCIDENT_STATUS_CLOSED))).isNull();
    }

    @Test
    void a_rise_above_the_county_tells_the_new_lead_only() {
        assertThat(rules.noticesDue("370102", incident(Grade.GRADE_III, IncidentStatus.INCIDENT_STATUS_VERIFIED)))
                .containsExactly(new EscalationRules.Due("370100", ESCALATION_KIND_ESCALATED));
        assertThat(rules.noticesDue("370100", incident(Grade.GRADE_I, IncidentStatus.INCIDENT_STATUS_VERIFIED)))
                .containsExactly(new EscalationRules.Due("370000", ESCALATION_KIND_ESCALATED));
        assertThat(rules.noticesDue(null, incident(Grade.GRADE_II, IncidentStatus.INCIDENT_STATUS_REPORTED)))
                .containsExactly(new EscalationRules.Due("370000", ESCALATION_KIND_ESCALATED));
    }

    @Test
    void downgrades_and_ends_tell_the_node_that_led() {
        assertThat(rules.noticesDue("370000", incident(Grade.GRADE_III, IncidentStatus.INCIDENT_STATUS_VERIFIED)))
                .containsExactly(new EscalationRules.Due("370100", ESCALATION_KIND_ESCALATED),
                        new EscalationRules.Due("370000", ESCALATION_KIND_DOWNGRADED));
        assertThat(rules.noticesDue("370100", incident(Grade.GRADE_IV, IncidentStatus.INCIDENT_STATUS_VERIFIED)))
                .containsExactly(new EscalationRules.Due("370100", ESCALATION_KIND_DOWNGRADED));
        assertThat(rules.noticesDue("370100", incident(Grade.GRADE_III, IncidentStatus.INCIDENT_STATUS_CLOSED)))
                .containsExactly(new EscalationRules.Due("370100", ESCALATION_KIND_ENDED));
    }

    @Test
    void county_level_changes_and_repeats_tell_nobody() {
        assertThat(rules.noticesDue(null, incident(Grade.GRADE_IV, IncidentStatus.INCIDENT_STATUS_REPORTED))).isEmpty();
        assertThat(rules.noticesDue("370102", incident(Grade.GRADE_IV, IncidentStatus.INCIDENT_STATUS_CLOSED))).isEmpty();
        assertThat(rules.noticesDue("370100", incident(Grade.GRADE_III, IncidentStatus.INCIDENT_STATUS_ON_SCENE))).isEmpty();
    }
}
