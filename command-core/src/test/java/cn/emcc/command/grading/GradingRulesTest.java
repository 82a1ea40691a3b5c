package cn.emcc.command.grading;

import cn.emcc.command.incident.Counts;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.WarningColour;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static cn.emcc.protocols.v1.Grade.*;
import static cn.emcc.protocols.v1.IncidentCategory.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradingRulesTest {

    private static final GradingRules RULES = GradingRules.fromConfig(ConfigFactory.load());

    private static WarningInForce warning(Hazard h, WarningColour c) {
        return new WarningInForce("w-" + h + c, h, c);
    }

    static Stream<Arguments> cases() {
        Counts none = Counts.NONE;
        return Stream.of(
                Arguments.of("small kitchen fire", INCIDENT_CATEGORY_FIRE_BUILDING, none, false, List.of(), GRADE_IV),
                Arguments.of("2 dead is still IV", INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, new Counts(1, 0, 0, 2, 0), false, List.of(), GRADE_IV),
                Arguments.of("3 dead", INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, new Counts(1, 0, 0, 3, 0), false, List.of(), GRADE_III),
                Arguments.of("12 injured", INCIDENT_CATEGORY_MULTI_VEHICLE_PILEUP, new Counts(1, 12, 0, 0, 0), false, List.of(), GRADE_III),
                Arguments.of("10 dead", INCIDENT_CATEGORY_BUILDING_COLLAPSE, new Counts(1, 0, 0, 10, 0), false, List.of(), GRADE_II),
                Arguments.of("30 trapped", INCIDENT_CATEGORY_BUILDING_COLLAPSE, new Counts(1, 0, 30, 0, 0), false, List.of(), GRADE_II),
                Arguments.of("30 dead", INCIDENT_CATEGORY_FIRE_BUILDING, new Counts(1, 0, 0, 30, 0), false, List.of(), GRADE_I),
                Arguments.of("100 injured", INCIDENT_CATEGORY_MASS_GATHERING, new Counts(1, 100, 0, 0, 0), false, List.of(), GRADE_I),
                Arguments.of("hazmat leak", INCIDENT_CATEGORY_HAZARDOUS_MATERIALS, none, true, List.of(), GRADE_III),
                Arguments.of("hazmat with a death", INCIDENT_CATEGORY_HAZARDOUS_MATERIALS, new Counts(1, 0, 0, 1, 0), true, List.of(), GRADE_II),
                Arguments.of("waterlogging, red rainstorm", INCIDENT_CATEGORY_FLOOD_WATERLOGGING, none, false,
                        List.of(warning(Hazard.HAZARD_RAINSTORM, WarningColour.WARNING_COLOUR_RED)), GRADE_II),
                Arguments.of("waterlogging, orange rainstorm", INCIDENT_CATEGORY_FLOOD_WATERLOGGING, none, false,
                        List.of(warning(Hazard.HAZARD_RAINSTORM, WarningColour.WARNING_COLOUR_ORANGE)), GRADE_III),
                Arguments.of("waterlogging, yellow rainstorm", INCIDENT_CATEGORY_FLOOD_WATERLOGGING, none, false,
                        List.of(warning(Hazard.HAZARD_RAINSTORM, WarningColour.WARNING_COLOUR_YELLOW)), GRADE_IV),
                Arguments.of("waterlogging, red heat warning is irrelevant", INCIDENT_CATEGORY_FLOOD_WATERLOGGING, none, false,
                        List.of(warning(Hazard.HAZARD_HEAT_WAVE, WarningColour.WARNING_COLOUR_RED)), GRADE_IV),
                Arguments.of("pile-up on ice, orange icing", INCIDENT_CATEGORY_MULTI_VEHICLE_PILEUP, none, false,
                        List.of(warning(Hazard.HAZARD_ROAD_ICING, WarningColour.WARNING_COLOUR_ORANGE)), GRADE_III),
                Arguments.of("casualties beat the warning rule", INCIDENT_CATEGORY_FLOOD_RESCUE, new Counts(1, 0, 0, 31, 0), false,
                        List.of(warning(Hazard.HAZARD_RAINSTORM, WarningColour.WARNING_COLOUR_RED)), GRADE_I));
    }

    @ParameterizedTest(name = "{0} → {5}")
    @MethodSource("cases")
    void grades_follow_the_rules_file(String name, IncidentCategory category, Counts counts, boolean hazardous,
                                      List<WarningInForce> warnings, Grade expected) {
        GradeDecision d = RULES.grade(new GradingFacts(category, counts, hazardous, warnings));
        assertThat(d.grade()).as(name).isEqualTo(expected);
        assertThat(d.reason()).isNotBlank();
    }

    @Test
    void the_reason_names_the_rule_that_decided() {
        GradeDecision d = RULES.grade(new GradingFacts(INCIDENT_CATEGORY_FIRE_BUILDING, new Counts(1, 0, 0, 3, 0), false, List.of()));
        assertThat(d.reason()).isEqualTo("rule '3+ dead'");
        assertThat(GradeDecision.phraseOf(d.reason())).isEqualTo(PhraseCode.GRADE_REASON_RULE.with("3+ dead"));
    }

    @Test
    void no_matching_rule_grades_iv_and_says_so_in_a_phrase_too() {
        GradeDecision d = new GradingRules(List.of()).grade(
                new GradingFacts(INCIDENT_CATEGORY_FIRE_BUILDING, Counts.NONE, false, List.of()));

        assertThat(d).isEqualTo(new GradeDecision(GRADE_IV, "no grading rule matched: IV by default"));
        assertThat(GradeDecision.phraseOf(d.reason())).isEqualTo(PhraseCode.GRADE_REASON_DEFAULT.with("GRADE_IV"));
        assertThat(GradeDecision.phraseOf("现场核实后升级")).as("an officer's own words").isNull();
    }

    @Test
    void a_rules_file_with_an_unknown_grade_fails_with_its_path() {
        var bad = ConfigFactory.parseString("emcc.grading.rules = [ { name = x, grade = V, min-dead = 1 } ]");
        assertThatThrownBy(() -> GradingRules.fromConfig(bad))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("grade");
    }
}
