package cn.emcc.command.incident;

import cn.emcc.protocols.v1.IncidentStatus;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static cn.emcc.protocols.v1.IncidentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentLifecycleTest {

    private static final EnumSet<IncidentStatus> REAL = EnumSet.complementOf(
            EnumSet.of(INCIDENT_STATUS_UNSPECIFIED, UNRECOGNIZED));

    @Test
    void the_main_path_is_allowed_step_by_step() {
        IncidentStatus[] path = {INCIDENT_STATUS_REPORTED, INCIDENT_STATUS_VERIFIED, INCIDENT_STATUS_DISPATCHING,
                INCIDENT_STATUS_RESPONDING, INCIDENT_STATUS_ON_SCENE, INCIDENT_STATUS_CONTROLLED, INCIDENT_STATUS_CLOSED};
        for (int i = 1; i < path.length; i++) {
            assertThat(IncidentLifecycle.refusal(path[i - 1], path[i])).as(path[i - 1] + "→" + path[i]).isEmpty();
        }
    }

    @Test
    void final_states_allow_nothing() {
        for (IncidentStatus end : EnumSet.of(INCIDENT_STATUS_CLOSED, INCIDENT_STATUS_MERGED, INCIDENT_STATUS_CANCELLED)) {
            for (IncidentStatus to : REAL) {
                assertThat(IncidentLifecycle.refusal(end, to)).as(end + "→" + to).isPresent();
            }
        }
    }

    @Test
    void skipping_ahead_is_refused() {
        assertThat(IncidentLifecycle.refusal(INCIDENT_STATUS_REPORTED, INCIDENT_STATUS_CLOSED)).isPresent();
        assertThat(IncidentLifecycle.refusal(INCIDENT_STATUS_VERIFIED, INCIDENT_STATUS_ON_SCENE)).isPresent();
        assertThat(IncidentLifecycle.refusal(INCIDENT_STATUS_ON_SCENE, INCIDENT_STATUS_CANCELLED)).isPresent();
    }
}
