package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Envelope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestampTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-20T02:00:00Z");
    private final List<PlannedMessage> plan = new ScenarioGenerator(3, 30, ORIGIN).until(Duration.ofMinutes(30));

    @Test
    void a_late_report_is_sent_now_and_keeps_its_call_taking_lag() {
        Envelope planned = plan.stream().map(PlannedMessage::envelope).filter(Envelope::hasPoliceReport).findFirst().orElseThrow();
        Instant now = Times.instant(planned.getSent()).plusMillis(2_345);

        Envelope sent = Restamp.at(planned, now);

        assertThat(Times.instant(sent.getSent())).isEqualTo(now);
        Duration lagPlanned = Duration.between(Times.instant(planned.getPoliceReport().getReportedAt()),
                Times.instant(planned.getSent()));
        Duration lagSent = Duration.between(Times.instant(sent.getPoliceReport().getReportedAt()), now);
        assertThat(lagSent).isEqualTo(lagPlanned);
        assertThat(sent.getMessageId()).isEqualTo(planned.getMessageId());
        assertThat(sent.getPoliceReport().getLocation()).isEqualTo(planned.getPoliceReport().getLocation());
    }

    @Test
    void traffic_validity_moves_with_the_send_time() {
        Envelope planned = plan.stream().map(PlannedMessage::envelope).filter(Envelope::hasTrafficCondition).findFirst().orElseThrow();
        Instant now = Times.instant(planned.getSent()).plusSeconds(7);

        Envelope sent = Restamp.at(planned, now);

        assertThat(Times.instant(sent.getTrafficCondition().getObservedAt()))
                .isEqualTo(Times.instant(planned.getTrafficCondition().getObservedAt()).plusSeconds(7));
        assertThat(Times.instant(sent.getTrafficCondition().getValidUntil()))
                .isEqualTo(Times.instant(planned.getTrafficCondition().getValidUntil()).plusSeconds(7));
    }

    @Test
    void a_weather_warning_keeps_the_times_the_office_issued_it_with() {
        Envelope planned = plan.stream().map(PlannedMessage::envelope).filter(Envelope::hasWeatherWarning).findFirst().orElseThrow();
        Instant now = Times.instant(planned.getSent()).plusSeconds(3);

        Envelope sent = Restamp.at(planned, now);

        assertThat(Times.instant(sent.getSent())).isEqualTo(now);
        assertThat(sent.getWeatherWarning()).isEqualTo(planned.getWeatherWarning());
    }
}
