package cn.emcc.map.jurisdiction;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One node of the GB/T 2260 tree (辖区): a province, a prefecture-level city or
 * a county-level division, identified by its six-digit administrative code.
 * The polygon lives apart, in {@link Jurisdictions#boundaries()}, so this
 * record stays a small value that can travel in messages and logs.
 */
public record Jurisdiction(String adcode, String name, Tier tier, String parentAdcode) {

    private static final Pattern ADCODE = Pattern.compile("\\d{6}");

    public Jurisdiction {
        Objects.requireNonNull(adcode, "adcode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tier, "tier");
        if (!isAdcode(adcode)) {
            throw new IllegalArgumentException("adcode '" + adcode + "' is not six digits");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("name of " + adcode + " is blank");
        }
        if (tier == Tier.PROVINCE && parentAdcode != null) {
            throw new IllegalArgumentException(
                    "parentAdcode of province " + adcode + " is " + parentAdcode + "; expected none");
        }
        if (tier != Tier.PROVINCE && (parentAdcode == null || !isAdcode(parentAdcode))) {
            throw new IllegalArgumentException("parentAdcode of " + tier + " " + adcode + " is '" + parentAdcode
                    + "'; expected the six-digit code of its parent");
        }
    }

    public static boolean isAdcode(String value) {
        return value != null && ADCODE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return name + " (" + adcode + ")";
    }
}
