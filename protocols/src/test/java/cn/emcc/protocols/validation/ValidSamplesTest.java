package cn.emcc.protocols.validation;

import cn.emcc.protocols.SampleMessages;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.OrderDecision;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.Violation;
import cn.emcc.protocols.v1.WarningMsgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static cn.emcc.protocols.SampleMessages.now;
import static cn.emcc.protocols.SampleMessages.point;
import static cn.emcc.protocols.SampleMessages.ring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Good messages pass: every sample kind, and the legitimate variants the rules must not refuse. */
class ValidSamplesTest {

    private static final ValidationLimits LIMITS = ValidationLimits.defaults();
    private static final EnvelopeValidator VALIDATOR =
            new EnvelopeValidator(BoundingBoxServiceArea.shandong(), LIMITS, SampleMessages.CLOCK);
    private static final InboundDecoder DECODER = new InboundDecoder(VALIDATOR, LIMITS);

    static Stream<Envelope> samples() {
        return SampleMessages.envelopesByKind().values().stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("samples")
    void everySampleKindValidatesWithoutViolations(Envelope sample) {
        assertThat(VALIDATOR.validate(sample)).isEmpty();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("samples")
    void everySampleKindDecodesToTheSameEnvelope(Envelope sample) {
        Decoded decoded = DECODER.decode(sample.toByteArray());

        assertThat(decoded).isEqualTo(new Decoded.Valid(sample));
    }

    static Stream<Envelope> legitimateVariants() {
        Envelope warning = SampleMessages.weatherWarning();
        Envelope traffic = SampleMessages.trafficCondition();
        return Stream.of(
                // A CANCEL names what it withdraws and may leave the area out.
                warning.toBuilder().setWeatherWarning(warning.getWeatherWarning().toBuilder()
                        .setMsgType(WarningMsgType.WARNING_MSG_TYPE_CANCEL)
                        .addReferences("37010041600000_20260712060000").clearAreas()).build(),
                // A sea-area warning vertex 3 km past the easternmost point is within the tolerance.
                warning.toBuilder().setWeatherWarning(warning.getWeatherWarning().toBuilder()
                        .setAreas(0, warning.getWeatherWarning().getAreas(0).toBuilder().setPolygons(0,
                                ring(122.40, 37.10, 122.74, 37.10, 122.74, 37.40, 122.40, 37.40)))).build(),
                // A closure has no speed.
                traffic.toBuilder().setTrafficCondition(traffic.getTrafficCondition().toBuilder()
                        .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE).clearSpeed()).build(),
                // A congestion being cleared need not repeat a speed.
                traffic.toBuilder().setTrafficCondition(traffic.getTrafficCondition().toBuilder()
                        .clearSpeed().setCleared(true)).build(),
                // A road works closure announced for three months, over an area.
                traffic.toBuilder().setTrafficCondition(traffic.getTrafficCondition().toBuilder()
                        .setType(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE).clearSpeed()
                        .setArea(ring(117.00, 36.60, 117.02, 36.60, 117.02, 36.62, 117.00, 36.62))
                        .setValidUntil(now(Duration.ofDays(90)))).build(),
                // A refusal that gives its reason.
                SampleMessages.orderAcknowledgement().toBuilder().setOrderAcknowledgement(
                        SampleMessages.orderAcknowledgement().getOrderAcknowledgement().toBuilder()
                                .setDecision(OrderDecision.ORDER_DECISION_REJECTED)
                                .setReason("该车辆正在执行其他任务")).build(),
                // A concave (L-shaped) polygon is simple, and a repeated vertex is harmless.
                warning.toBuilder().setWeatherWarning(warning.getWeatherWarning().toBuilder()
                        .setAreas(0, warning.getWeatherWarning().getAreas(0).toBuilder().setPolygons(0,
                                ring(117.0, 36.5, 117.2, 36.5, 117.2, 36.6, 117.1, 36.6, 117.1, 36.6, 117.1, 36.8,
                                        117.0, 36.8)))).build(),
                // An exercise message sent 8 minutes ahead of our clock (inside the skew allowance).
                SampleMessages.unitPosition().toBuilder()
                        .setStatus(cn.emcc.protocols.v1.MessageStatus.MESSAGE_STATUS_EXERCISE)
                        .setSent(now(Duration.ofMinutes(8))).build(),
                // The optional progress position may be left out.
                SampleMessages.orderProgress().toBuilder().setOrderProgress(
                        SampleMessages.orderProgress().getOrderProgress().toBuilder().clearPosition()).build());
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("legitimateVariants")
    void legitimateVariantsAreAccepted(Envelope variant) {
        assertThat(VALIDATOR.validate(variant)).isEmpty();
    }

    @Test
    void everyViolationIsReportedInFieldOrderNotJustTheFirst() {
        Envelope sample = SampleMessages.unitPosition();
        Envelope bad = sample.toBuilder()
                .clearMessageId()
                .setUnitPosition(sample.getUnitPosition().toBuilder()
                        .setPosition(point(116.40, 39.90))
                        .setHeadingDegrees(Double.NaN))
                .build();

        List<Violation> violations = VALIDATOR.validate(bad);

        assertThat(violations).extracting(Violation::getCode, Violation::getFieldPath).containsExactly(
                tuple(RejectionCode.REJECTION_CODE_MISSING_FIELD, "message_id"),
                tuple(RejectionCode.REJECTION_CODE_OUTSIDE_SERVICE_AREA, "unit_position.position"),
                tuple(RejectionCode.REJECTION_CODE_NOT_A_NUMBER, "unit_position.heading_degrees"));
    }

    @Test
    void reasonsNameTheValueAndWhatWasExpected() {
        Envelope sample = SampleMessages.unitPosition();
        Envelope bad = sample.toBuilder().setUnitPosition(sample.getUnitPosition().toBuilder()
                .setPosition(point(116.40, 39.90))).build();

        Violation v = VALIDATOR.validate(bad).get(0);

        assertThat(v.getReason()).contains("(116.4, 39.9)", "Shandong (114.81..122.71 E, 34.38..38.40 N) ± 0.05°");
    }

    @Test
    void aNullEnvelopeIsAViolationNotAnException() {
        assertThat(VALIDATOR.validate(null)).extracting(Violation::getCode)
                .containsExactly(RejectionCode.REJECTION_CODE_MALFORMED);
    }

    @Test
    void aLaterClockMakesTheSameMessageStale() {
        EnvelopeValidator aMonthLater = new EnvelopeValidator(BoundingBoxServiceArea.shandong(), LIMITS,
                java.time.Clock.offset(SampleMessages.CLOCK, Duration.ofDays(31)));

        assertThat(aMonthLater.validate(SampleMessages.unitPosition()))
                .extracting(Violation::getCode, Violation::getFieldPath)
                .contains(tuple(RejectionCode.REJECTION_CODE_TIME_OUT_OF_RANGE, "sent"),
                        tuple(RejectionCode.REJECTION_CODE_TIME_OUT_OF_RANGE, "unit_position.fixed_at"));
    }
}
