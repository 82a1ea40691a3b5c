package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.BuildingType;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.FireDetails;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.RejectionCode;

import java.util.regex.Pattern;

/** Rules for a 119 alarm: like a police report, plus the optional fire details. */
final class FireAlarmValidator implements PayloadValidator<FireAlarm> {

    private static final Pattern UN_NUMBER = Pattern.compile("UN[0-9]{4}");
    /** Higher than any building in China (the tallest has 128 floors). */
    private static final int MAX_FLOORS = 200;
    private static final int MIN_BASEMENT_FLOOR = -10;
    /** 10,000 km²: a forest fire larger than this is a unit mistake, not a fire. */
    private static final double MAX_AREA_M2 = 1e10;

    private final Checks checks;

    FireAlarmValidator(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void validate(FireAlarm a, String path, Violations v) {
        ValidationLimits limits = checks.limits();
        checks.text().id(v, Violations.path(path, "alarm_id"), a.getAlarmId(), limits.maxSystemIdChars());
        checks.time().observed(v, Violations.path(path, "reported_at"), a.hasReportedAt(), a.getReportedAt(), true);
        checks.geo().location(v, Violations.path(path, "location"), a.hasLocation(), a.getLocation(), true);
        checks.enums().required(v, Violations.path(path, "category"), a.getCategoryValue(),
                IncidentCategory.getDescriptor());
        checks.text().text(v, Violations.path(path, "description"), a.getDescription(),
                limits.maxReportDescriptionChars());
        if (a.hasCasualties()) {
            CasualtiesChecks.check(checks.numbers(), v, Violations.path(path, "casualties"), a.getCasualties());
        }
        if (a.hasFire()) {
            fire(v, Violations.path(path, "fire"), a.getFire());
        }
    }

    private void fire(Violations v, String path, FireDetails f) {
        checks.enums().required(v, Violations.path(path, "building_type"), f.getBuildingTypeValue(),
                BuildingType.getDescriptor());
        boolean floorsOk = checks.numbers().unsignedAtMost(v, Violations.path(path, "floors_above_ground"),
                f.getFloorsAboveGround(), MAX_FLOORS);
        boolean fireFloorOk = checks.numbers().intInRange(v, Violations.path(path, "fire_floor"), f.getFireFloor(),
                MIN_BASEMENT_FLOOR, MAX_FLOORS);
        if (floorsOk && fireFloorOk && f.getFloorsAboveGround() > 0 && f.getFireFloor() > f.getFloorsAboveGround()) {
            String fp = Violations.path(path, "fire_floor");
            v.add(RejectionCode.REJECTION_CODE_INCONSISTENT, fp, fp + " is " + f.getFireFloor()
                    + " but floors_above_ground is " + f.getFloorsAboveGround() + "; expected fire_floor <= floors");
        }
        String un = f.getUnNumber();
        if (!un.isEmpty() && !UN_NUMBER.matcher(un).matches()) {
            String up = Violations.path(path, "un_number");
            v.add(RejectionCode.REJECTION_CODE_INVALID_FORMAT, up,
                    up + " is " + TextChecks.quote(un) + "; expected \"UN\" and four digits, e.g. \"UN1075\"");
        }
        checks.numbers().inRange(v, Violations.path(path, "estimated_area_m2"), f.getEstimatedAreaM2(), 0,
                MAX_AREA_M2);
    }
}
