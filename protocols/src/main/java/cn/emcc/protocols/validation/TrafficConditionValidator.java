package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;

import java.time.Instant;

/**
 * Rules for a traffic condition: where (a segment or an area inside the
 * service area), and a speed that agrees with the type — a closure is
 * impassable and has none; every other type needs one unless it is being
 * cleared, because the travel-time model has nothing to apply otherwise.
 */
final class TrafficConditionValidator implements PayloadValidator<TrafficCondition> {

    private static final double MAX_SPEED_KMH = 200;

    private final Checks checks;

    TrafficConditionValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(TrafficCondition t, String path, Violations v) {
        ValidationLimits limits = checks.limits();
        checks.text().id(v, Violations.path(path, "condition_id"), t.getConditionId(), limits.maxIdChars());
        boolean typeKnown = checks.enums().required(v, Violations.path(path, "type"), t.getTypeValue(),
                TrafficConditionType.getDescriptor());
        checks.text().text(v, Violations.path(path, "road_name"), t.getRoadName(), limits.maxShortTextChars());
        switch (t.getExtentCase()) {
            case SEGMENT -> checks.geo().lineString(v, Violations.path(path, "segment"), t.getSegment());
            case AREA -> checks.geo().polygon(v, Violations.path(path, "area"), t.getArea());
            case EXTENT_NOT_SET -> {
                String ep = Violations.path(path, "extent");
                v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, ep,
                        ep + " is not set; expected a segment or an area");
            }
        }
        speed(v, path, t, typeKnown);
        Instant observed = checks.time().observed(v, Violations.path(path, "observed_at"), t.hasObservedAt(),
                t.getObservedAt(), true);
        String untilPath = Violations.path(path, "valid_until");
        Instant until = checks.time().scheduled(v, untilPath, t.hasValidUntil(), t.getValidUntil(), false);
        checks.time().after(v, untilPath, until, Violations.path(path, "observed_at"), observed);
        checks.text().text(v, Violations.path(path, "description"), t.getDescription(), limits.maxLongTextChars());
    }

    private void speed(Violations v, String path, TrafficCondition t, boolean typeKnown) {
        switch (t.getSpeedCase()) {
            case SPEED_KMH -> checks.numbers().inRangeAboveMin(v, Violations.path(path, "speed_kmh"),
                    t.getSpeedKmh(), 0, MAX_SPEED_KMH);
            case SPEED_FACTOR -> checks.numbers().inRangeAboveMin(v, Violations.path(path, "speed_factor"),
                    t.getSpeedFactor(), 0, 1);
            case SPEED_NOT_SET -> {
            }
        }
        if (!typeKnown) {
            return;
        }
        boolean closure = t.getType() == TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE;
        boolean hasSpeed = t.getSpeedCase() != TrafficCondition.SpeedCase.SPEED_NOT_SET;
        if (closure && hasSpeed) {
            String sp = Violations.path(path, t.getSpeedCase() == TrafficCondition.SpeedCase.SPEED_KMH
                    ? "speed_kmh" : "speed_factor");
            v.add(RejectionCode.REJECTION_CODE_INCONSISTENT, sp,
                    sp + " is set but type is CLOSURE; a closed road has no speed");
        } else if (!closure && !hasSpeed && !t.getCleared()) {
            String sp = Violations.path(path, "speed");
            v.add(RejectionCode.REJECTION_CODE_INCONSISTENT, sp, sp + " is not set but type is " + t.getType()
                    + "; every type but CLOSURE needs speed_kmh or speed_factor");
        }
    }
}
