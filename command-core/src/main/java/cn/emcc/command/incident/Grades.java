package cn.emcc.command.incident;

import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Tier;

/** Grade → the command tier that leads: IV county, III city, II and I province. */
public final class Grades {

    private Grades() {
    }

    public static Tier leadTier(Grade grade) {
        return switch (grade) {
            case GRADE_IV -> Tier.TIER_COUNTY;
            case GRADE_III -> Tier.TIER_CITY;
            case GRADE_II, GRADE_I -> Tier.TIER_PROVINCE;
            default -> Tier.TIER_UNSPECIFIED;
        };
    }

    public static String label(Grade grade) {
        return grade.name().replace("GRADE_", "");
    }
}
