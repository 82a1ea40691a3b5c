package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.TrafficCondition;

import java.time.Duration;
import java.time.Instant;

/**
 * Moves a planned envelope to the moment it is really sent: {@code sent}
 * becomes now, and the times that describe the sender's own work (when the
 * call was taken, when the condition was observed and how long it holds)
 * move with it, so reported_at stays just before sent however late the
 * sender runs. A weather warning keeps its CAP times: the office issued it
 * when it did, and later alerts reference it by those times.
 */
final class Restamp {

    private Restamp() {
    }

    static Envelope at(Envelope planned, Instant now) {
        Duration shift = Duration.between(Times.instant(planned.getSent()), now);
        Envelope.Builder e = planned.toBuilder().setSent(Times.timestamp(now));
        switch (planned.getPayloadCase()) {
            case POLICE_REPORT -> e.getPoliceReportBuilder()
                    .setReportedAt(shifted(planned.getPoliceReport().getReportedAt(), shift));
            case FIRE_ALARM -> e.getFireAlarmBuilder()
                    .setReportedAt(shifted(planned.getFireAlarm().getReportedAt(), shift));
            case TRAFFIC_CONDITION -> {
                TrafficCondition c = planned.getTrafficCondition();
                e.getTrafficConditionBuilder()
                        .setObservedAt(shifted(c.getObservedAt(), shift))
                        .setValidUntil(shifted(c.getValidUntil(), shift));
            }
            default -> {
                // weather warnings keep their CAP times; other kinds are not planned
            }
        }
        return e.build();
    }

    private static com.google.protobuf.Timestamp shifted(com.google.protobuf.Timestamp t, Duration shift) {
        return Times.timestamp(Times.instant(t).plus(shift));
    }
}
