package cn.emcc.dispatch;

import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatchTimersTest {

    private static final String CSV = DispatchTimers.HEADER + "\n"
            + "*,I,60,120,300\n*,II,60,120,420\n*,III,90,180,600\n*,IV,120,240,900\n"
            + "FIRE_BUILDING,II,30,60,300\n";

    @Test
    void aCategoryRowOverridesTheGradeDefault() {
        DispatchTimers timers = DispatchTimers.parse(new StringReader(CSV), "t.csv");
        assertThat(timers.deadlines(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, Grade.GRADE_II))
                .isEqualTo(new OrderDeadlines(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300)));
        assertThat(timers.deadlines(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, Grade.GRADE_III).acknowledgement())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(timers.deadlines(IncidentCategory.INCIDENT_CATEGORY_MEDICAL, Grade.GRADE_II).acknowledgement())
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void deadlinesCountFromTheirStartAndTheOnSceneOneIncludesTheEta() {
        OrderDeadlines d = new OrderDeadlines(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300));
        Instant t = Instant.parse("2026-07-12T08:00:00Z");
        assertThat(d.acknowledgeBy(t)).isEqualTo(t.plusSeconds(30));
        assertThat(d.enRouteBy(t)).isEqualTo(t.plusSeconds(60));
        assertThat(d.onSceneBy(t, Duration.ofMinutes(12))).isEqualTo(t.plusSeconds(720 + 300));
        assertThat(d.timerIn(OrderState.DELIVERED)).isEqualTo(OrderDeadlines.TimerKind.ACKNOWLEDGEMENT);
        assertThat(d.timerIn(OrderState.ACCEPTED)).isEqualTo(OrderDeadlines.TimerKind.EN_ROUTE);
        assertThat(d.timerIn(OrderState.EN_ROUTE)).isEqualTo(OrderDeadlines.TimerKind.ON_SCENE);
        assertThat(d.timerIn(OrderState.ON_SCENE)).isNull();
        assertThat(d.releaseConfirmedBy(t)).as("a release order is answered like any order").isEqualTo(t.plusSeconds(30));
        assertThat(d.timerIn(OrderState.RELEASING)).isEqualTo(OrderDeadlines.TimerKind.RELEASE);
        assertThat(d.timerIn(OrderState.RELEASED)).isNull();
    }

    @Test
    void theShippedTimersCoverEveryGradeAndAreFasterForFires() {
        DispatchTimers timers = DispatchTimers.loadDefault();
        for (Grade g : DataLines.GRADES) {
            assertThat(timers.deadlines(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, g).acknowledgement())
                    .isLessThanOrEqualTo(timers.deadlines(IncidentCategory.INCIDENT_CATEGORY_OTHER, g).acknowledgement());
        }
    }

    @Test
    void badRowsAndAMissingDefaultAreReported() {
        String csv = DispatchTimers.HEADER + "\n*,I,60,120,300\n*,II,60,soon,420\n*,III,0,180,600\nFIRE,IV,1,1,1\n";
        assertThatThrownBy(() -> DispatchTimers.parse(new StringReader(csv), "t.csv"))
                .hasMessageContaining("line 3: en_route_seconds 'soon'; expected whole seconds in 1..86400")
                .hasMessageContaining("line 4: ack_seconds '0'")
                .hasMessageContaining("line 5: category 'FIRE'")
                .hasMessageContaining("grade IV has no default row");
    }
}
