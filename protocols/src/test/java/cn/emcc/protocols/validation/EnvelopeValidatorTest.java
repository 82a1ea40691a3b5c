package cn.emcc.protocols.validation;

import cn.emcc.protocols.SampleMessages;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static cn.emcc.protocols.SampleMessages.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** How the validator reports: all problems, in field order, readable, and never by throwing. */
class EnvelopeValidatorTest {

    private static final ValidationLimits LIMITS = ValidationLimits.defaults();
    private static final EnvelopeValidator VALIDATOR =
            new EnvelopeValidator(BoundingBoxServiceArea.shandong(), LIMITS, SampleMessages.CLOCK);

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

    @Test
    void aShapeWithManyBadPointsIsReportedOnceAtTheFirst() {
        Envelope sample = SampleMessages.weatherWarning();
        Polygon.Builder ring = Polygon.newBuilder();
        for (int i = 0; i < 50; i++) {
            ring.addRing(GeoPoint.newBuilder().setLongitude(Double.NaN).setLatitude(36.6));
        }
        Envelope bad = sample.toBuilder().setWeatherWarning(sample.getWeatherWarning().toBuilder()
                .setAreas(0, sample.getWeatherWarning().getAreas(0).toBuilder().setPolygons(0, ring))).build();

        List<Violation> violations = VALIDATOR.validate(bad);

        assertThat(violations).extracting(Violation::getCode, Violation::getFieldPath).containsExactly(
                tuple(RejectionCode.REJECTION_CODE_NOT_A_NUMBER,
                        "weather_warning.areas[0].polygons[0].ring[0].longitude"));
    }
}
