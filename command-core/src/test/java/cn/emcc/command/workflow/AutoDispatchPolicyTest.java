package cn.emcc.command.workflow;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import static cn.emcc.protocols.v1.Grade.*;
import static cn.emcc.protocols.v1.IncidentCategory.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoDispatchPolicyTest {

    @Test
    void the_shipped_policy_dispatches_grade_iv_traffic_accidents_and_nothing_else_by_itself() {
        AutoDispatchPolicy policy = AutoDispatchPolicy.fromConfig(ConfigFactory.load());
        assertThat(policy.allows(INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, GRADE_IV)).isTrue();
        assertThat(policy.allows(INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, GRADE_III)).isFalse();
        assertThat(policy.allows(INCIDENT_CATEGORY_FIRE_BUILDING, GRADE_IV)).isFalse();
    }

    @Test
    void every_problem_of_a_policy_is_reported() {
        assertThatThrownBy(() -> AutoDispatchPolicy.fromConfig(ConfigFactory.parseString("""
                emcc.dispatch.auto { within = 10m, rules = [
                  { category = TRAFFIC_ACCIDNET, grades = [IV] }
                  { category = MEDICAL, grades = [V, UNSPECIFIED] }
                ] }""")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("'TRAFFIC_ACCIDNET' is not an incident category")
                .hasMessageContaining("'V' is not one of I, II, III, IV")
                .hasMessageContaining("'UNSPECIFIED' is not one of I, II, III, IV");
    }
}
