package cn.emcc.command.reporting;

import cn.emcc.command.EmccConfig;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.ReportKind;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static cn.emcc.protocols.v1.ReportKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportDeadlineRulesTest {

    private static final Instant VERIFIED = Instant.parse("2026-07-01T08:00:00Z");
    private final ReportDeadlineRules rules = ReportDeadlineRules.fromConfig(EmccConfig.load());

    @Test
    void grade_III_and_above_owe_the_initial_report_30_minutes_after_verification() {
        assertThat(rules.due(Grade.GRADE_III, VERIFIED, null, Map.of()))
                .containsExactly(new ReportDeadlineRules.Due(REPORT_KIND_INITIAL, VERIFIED.plus(Duration.ofMinutes(30))));
        assertThat(rules.due(Grade.GRADE_IV, VERIFIED, null, Map.of()))
                .containsExactly(new ReportDeadlineRules.Due(REPORT_KIND_INITIAL, VERIFIED.plus(Duration.ofHours(2))));
        assertThat(rules.due(Grade.GRADE_II, null, null, Map.of())).as("not verified yet").isEmpty();
    }

    @Test
    void follow_ups_run_from_the_last_report_while_open_and_the_final_from_closing() {
        Instant initial = VERIFIED.plusSeconds(600);
        Instant followUp = VERIFIED.plusSeconds(3600);
        assertThat(rules.due(Grade.GRADE_II, VERIFIED, null, Map.of(REPORT_KIND_INITIAL, initial, REPORT_KIND_FOLLOW_UP, followUp)))
                .containsExactly(new ReportDeadlineRules.Due(REPORT_KIND_FOLLOW_UP, followUp.plus(Duration.ofHours(2))));
        assertThat(rules.due(Grade.GRADE_IV, VERIFIED, null, Map.of(REPORT_KIND_INITIAL, initial))).as("no 续报 for IV").isEmpty();
        Instant closed = VERIFIED.plus(Duration.ofHours(5));
        assertThat(rules.due(Grade.GRADE_III, VERIFIED, closed, Map.of(REPORT_KIND_INITIAL, initial)))
                .containsExactly(new ReportDeadlineRules.Due(REPORT_KIND_FINAL, closed.plus(Duration.ofHours(24))));
        assertThat(rules.due(Grade.GRADE_III, VERIFIED, closed, Map.<ReportKind, Instant>of(REPORT_KIND_INITIAL, initial,
                REPORT_KIND_FINAL, closed.plusSeconds(60)))).isEmpty();
    }

    @Test
    void a_rule_with_an_unknown_report_kind_is_refused_with_its_value() {
        assertThatThrownBy(() -> ReportDeadlineRules.fromConfig(ConfigFactory.parseString(
                "emcc.report-deadlines.rules = [{ report = FIRST, grades = [I], within = 1h }]")))
                .hasMessageContaining("report 'FIRST'").hasMessageContaining("INITIAL");
    }
}
