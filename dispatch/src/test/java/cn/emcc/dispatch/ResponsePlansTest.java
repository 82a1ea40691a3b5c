package cn.emcc.dispatch;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponsePlansTest {

    private static final String HEADER = "category,grade,requirements\n";

    @Test
    void theShippedPlansCoverThirteenCategoriesAtEveryGrade() {
        ResponsePlans plans = ResponsePlans.loadDefault();
        assertThat(plans.categories()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(plans.all()).hasSize(plans.categories().size() * 4);
        for (IncidentCategory c : plans.categories()) {
            for (Grade g : DataLines.GRADES) {
                assertThat(plans.plan(c, g)).as(c + " " + g).isPresent();
            }
        }
        assertThat(plans.plan(IncidentCategory.INCIDENT_CATEGORY_OTHER, Grade.GRADE_I)).isEmpty();
    }

    @Test
    void aMoreSevereGradeNeverAsksForFewerUnits() {
        ResponsePlans plans = ResponsePlans.loadDefault();
        for (IncidentCategory c : plans.categories()) {
            int previous = 0;
            for (Grade g : new Grade[]{Grade.GRADE_IV, Grade.GRADE_III, Grade.GRADE_II, Grade.GRADE_I}) {
                int total = plans.plan(c, g).orElseThrow().totalUnits();
                assertThat(total).as(c + " " + g).isGreaterThanOrEqualTo(previous);
                previous = total;
            }
        }
    }

    @Test
    void aGradeTwoBuildingFireCallsOnFirePoliceTrafficAndMedical() {
        ResponsePlan plan = ResponsePlans.loadDefault()
                .plan(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, Grade.GRADE_II).orElseThrow();
        assertThat(plan.requirements()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(plan.agencies()).contains(Agency.AGENCY_FIRE, Agency.AGENCY_POLICE, Agency.AGENCY_TRAFFIC,
                Agency.AGENCY_MEDICAL);
    }

    @Test
    void anUnknownCapabilityIsNamedWithItsLine() {
        String csv = HEADER + "MEDICAL,IV,EMS:2 TELEPORT:1\n";
        assertThatThrownBy(() -> ResponsePlans.parse(new StringReader(csv), "plans.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plans.csv")
                .hasMessageContaining("line 2: unknown capability 'TELEPORT'");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String csv = HEADER
                + "MEDICAL,IV,EMS:2\n"
                + "MEDICAL,V,EMS:2\n"
                + "ALIENS,I,PATROL:1\n"
                + "MEDICAL,III,EMS:0\n"
                + "MEDICAL,II,EMS:2 EMS:3\n"
                + "MEDICAL,IV,EMS:4\n"
                + "MEDICAL,I,EMS\n";
        assertThatThrownBy(() -> ResponsePlans.parse(new StringReader(csv), "plans.csv"))
                .hasMessageContaining("line 3: grade 'V'; expected I, II, III or IV")
                .hasMessageContaining("line 4: category 'ALIENS' is not an emcc.v1.IncidentCategory")
                .hasMessageContaining("line 5: count of EMS is '0'; expected 1..100")
                .hasMessageContaining("line 6: plan INCIDENT_CATEGORY_MEDICAL GRADE_II names EMS twice")
                .hasMessageContaining("line 7: plan MEDICAL IV appears twice")
                .hasMessageContaining("line 8: requirement 'EMS'; expected CAPABILITY:count")
                .hasMessageContaining("category MEDICAL has no plan for grade I");
    }

    @Test
    void aWrongHeaderIsRefused() {
        assertThatThrownBy(() -> ResponsePlans.parse(new StringReader("kind,level,needs\n"), "x.csv"))
                .hasMessageContaining("header 'kind,level,needs'; expected 'category,grade,requirements'");
    }
}
