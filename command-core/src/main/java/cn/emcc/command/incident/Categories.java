package cn.emcc.command.incident;

import cn.emcc.protocols.v1.IncidentCategory;

/** Short names of categories for timelines and rule files ("fire/fire"). */
public final class Categories {

    private static final String PREFIX = "INCIDENT_CATEGORY_";

    private Categories() {
    }

    /** FIRE_BUILDING for INCIDENT_CATEGORY_FIRE_BUILDING. */
    public static String code(IncidentCategory category) {
        return category.name().substring(PREFIX.length());
    }

    public static IncidentCategory fromCode(String code) {
        try {
            return IncidentCategory.valueOf(PREFIX + code.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown incident category '" + code + "'", e);
        }
    }

    /** "fire_building" style lower-case label used in reasons. */
    public static String label(IncidentCategory category) {
        return code(category).toLowerCase();
    }
}
