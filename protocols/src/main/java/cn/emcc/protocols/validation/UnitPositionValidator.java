package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.UnitPosition;

/** Rules for one AVL fix: a unit, a point inside the area, a recent time, plausible motion. */
final class UnitPositionValidator implements PayloadValidator<UnitPosition> {

    private static final double MAX_SPEED_KMH = 300;

    private final Checks checks;

    UnitPositionValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(UnitPosition p, String path, Violations v) {
        checks.text().id(v, Violations.path(path, "unit_id"), p.getUnitId(), checks.limits().maxIdChars());
        checks.geo().requiredPoint(v, Violations.path(path, "position"), p.hasPosition(), p.getPosition());
        checks.time().observed(v, Violations.path(path, "fixed_at"), p.hasFixedAt(), p.getFixedAt(), true);
        checks.numbers().inRange(v, Violations.path(path, "speed_kmh"), p.getSpeedKmh(), 0, MAX_SPEED_KMH);
        checks.numbers().inRangeBelowMax(v, Violations.path(path, "heading_degrees"), p.getHeadingDegrees(), 0, 360);
        checks.geo().accuracy(v, Violations.path(path, "accuracy_meters"), p.getAccuracyMeters());
    }
}
