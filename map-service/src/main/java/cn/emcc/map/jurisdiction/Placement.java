package cn.emcc.map.jurisdiction;

/**
 * Where a point falls: inside a county (and so its city and province), or
 * outside every county, with a reason a duty officer can read. The rules are
 * in {@link JurisdictionLocator} and docs/geography.md.
 */
public sealed interface Placement {

    /**
     * @param onBorder true when another county is as plausible as this one: the
     *                 point lies exactly on this county's boundary (shared border,
     *                 coast, hole ring) or in a gap of the county layer and was
     *                 given to the nearest county
     */
    record Inside(Jurisdiction county, Jurisdiction city, Jurisdiction province, boolean onBorder)
            implements Placement {
    }

    record Outside(String reason) implements Placement {
    }
}
