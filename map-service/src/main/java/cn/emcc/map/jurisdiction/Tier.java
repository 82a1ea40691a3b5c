package cn.emcc.map.jurisdiction;

/**
 * The level of a jurisdiction in the GB/T 2260 tree. A domain enum rather than
 * {@code cn.emcc.protocols.v1.Tier}: the wire enum also carries
 * {@code TIER_UNSPECIFIED} and {@code UNRECOGNIZED}, which no jurisdiction can
 * have, so switches here stay exhaustive. {@link #toProto()} and
 * {@link #fromProto} cross the edge.
 */
public enum Tier {
    PROVINCE,
    CITY,
    COUNTY;

    public cn.emcc.protocols.v1.Tier toProto() {
        return switch (this) {
            case PROVINCE -> cn.emcc.protocols.v1.Tier.TIER_PROVINCE;
            case CITY -> cn.emcc.protocols.v1.Tier.TIER_CITY;
            case COUNTY -> cn.emcc.protocols.v1.Tier.TIER_COUNTY;
        };
    }

    /** @throws IllegalArgumentException for {@code TIER_UNSPECIFIED} or an unrecognised value */
    public static Tier fromProto(cn.emcc.protocols.v1.Tier tier) {
        return switch (tier) {
            case TIER_PROVINCE -> PROVINCE;
            case TIER_CITY -> CITY;
            case TIER_COUNTY -> COUNTY;
            default -> throw new IllegalArgumentException(
                    "tier " + tier + " is not a jurisdiction tier; expected TIER_PROVINCE, TIER_CITY or TIER_COUNTY");
        };
    }
}
