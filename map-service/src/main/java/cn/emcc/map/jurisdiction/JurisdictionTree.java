package cn.emcc.map.jurisdiction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The GB/T 2260 tree of one province: lookups by code, children, ancestors,
 * subtree membership (which command nodes see an incident) and county
 * neighbours (who can send mutual aid). Immutable; every list is sorted by
 * adcode. An unknown code gives an empty result, never an exception, because
 * codes arrive from outside (messages, URLs).
 */
public final class JurisdictionTree {

    private static final Comparator<Jurisdiction> BY_ADCODE = Comparator.comparing(Jurisdiction::adcode);

    private final Map<String, Jurisdiction> byAdcode;
    private final Map<String, List<Jurisdiction>> children;
    private final Map<String, List<Jurisdiction>> neighbours;
    private final Jurisdiction province;

    private JurisdictionTree(Map<String, Jurisdiction> byAdcode, Map<String, List<Jurisdiction>> neighbours) {
        this.byAdcode = byAdcode;
        this.neighbours = neighbours;
        Map<String, List<Jurisdiction>> kids = new LinkedHashMap<>();
        Jurisdiction root = null;
        for (Jurisdiction j : byAdcode.values()) {
            if (j.tier() == Tier.PROVINCE) {
                root = j;
            } else {
                kids.computeIfAbsent(j.parentAdcode(), k -> new ArrayList<>()).add(j);
            }
        }
        kids.replaceAll((k, v) -> List.copyOf(v));
        this.children = Map.copyOf(kids);
        this.province = root;
    }

    /**
     * Checks the structure and builds the tree (without neighbours).
     *
     * @param source named in the error message
     * @throws JurisdictionDataException listing every structural problem: duplicate codes, not exactly one
     *                                   province, a city whose parent is not the province, a county whose
     *                                   parent is not a city, codes that break the GB/T 2260 prefix rules
     */
    public static JurisdictionTree of(Collection<Jurisdiction> jurisdictions, String source) {
        List<String> problems = new ArrayList<>();
        Map<String, Jurisdiction> byAdcode = new TreeMap<>();
        for (Jurisdiction j : jurisdictions) {
            Jurisdiction previous = byAdcode.putIfAbsent(j.adcode(), j);
            if (previous != null) {
                problems.add("adcode " + j.adcode() + " appears twice: " + previous.name() + " and " + j.name());
            }
        }
        List<Jurisdiction> provinces = byAdcode.values().stream().filter(j -> j.tier() == Tier.PROVINCE).toList();
        if (provinces.size() != 1) {
            problems.add("found " + provinces.size() + " provinces " + provinces + "; expected exactly one");
        }
        for (Jurisdiction j : byAdcode.values()) {
            checkCodeShape(j, problems);
            if (j.tier() == Tier.PROVINCE) {
                continue;
            }
            Tier expectedParentTier = j.tier() == Tier.CITY ? Tier.PROVINCE : Tier.CITY;
            Jurisdiction parent = byAdcode.get(j.parentAdcode());
            if (parent == null) {
                problems.add(j.tier() + " " + j + " has parent " + j.parentAdcode()
                        + ", which is not in the table; expected an existing " + expectedParentTier);
            } else if (parent.tier() != expectedParentTier) {
                problems.add(j.tier() + " " + j + " has parent " + parent + " of tier " + parent.tier()
                        + "; expected a " + expectedParentTier);
            } else if (!j.adcode().startsWith(prefix(parent))) {
                problems.add(j.tier() + " " + j + " does not start with its parent's prefix " + prefix(parent)
                        + " (GB/T 2260)");
            }
        }
        if (!problems.isEmpty()) {
            throw new JurisdictionDataException(source, problems);
        }
        return new JurisdictionTree(byAdcode, Map.of());
    }

    private static void checkCodeShape(Jurisdiction j, List<String> problems) {
        String code = j.adcode();
        boolean ok = switch (j.tier()) {
            case PROVINCE -> code.endsWith("0000");
            case CITY -> code.endsWith("00") && !code.endsWith("0000");
            case COUNTY -> !code.endsWith("00");
        };
        if (!ok) {
            String expected = switch (j.tier()) {
                case PROVINCE -> "xx0000";
                case CITY -> "xxxx00 (not xx0000)";
                case COUNTY -> "a code not ending in 00";
            };
            problems.add(j.tier() + " " + j + " has adcode " + code + "; expected " + expected);
        }
    }

    private static String prefix(Jurisdiction parent) {
        return parent.tier() == Tier.PROVINCE ? parent.adcode().substring(0, 2) : parent.adcode().substring(0, 4);
    }

    /** The same tree with the given county adjacency (adcode to neighbour adcodes). */
    JurisdictionTree withNeighbours(Map<String, ? extends Collection<String>> adjacency) {
        Map<String, List<Jurisdiction>> resolved = new TreeMap<>();
        adjacency.forEach((code, others) -> resolved.put(code,
                others.stream().map(byAdcode::get).sorted(BY_ADCODE).toList()));
        return new JurisdictionTree(byAdcode, Map.copyOf(resolved));
    }

    public Optional<Jurisdiction> get(String adcode) {
        return Optional.ofNullable(adcode == null ? null : byAdcode.get(adcode));
    }

    /** Direct children: the cities of the province, the counties of a city; empty for a county. */
    public List<Jurisdiction> children(String adcode) {
        return adcode == null ? List.of() : children.getOrDefault(adcode, List.of());
    }

    /** The jurisdiction and its ancestors, nearest first: county, city, province. */
    public List<Jurisdiction> ancestorsAndSelf(String adcode) {
        List<Jurisdiction> chain = new ArrayList<>(3);
        Jurisdiction current = adcode == null ? null : byAdcode.get(adcode);
        while (current != null) {
            chain.add(current);
            current = current.parentAdcode() == null ? null : byAdcode.get(current.parentAdcode());
        }
        return List.copyOf(chain);
    }

    /** Whether {@code adcode} is in the subtree of {@code ancestorAdcode}, itself included. */
    public boolean contains(String ancestorAdcode, String adcode) {
        if (ancestorAdcode == null || !byAdcode.containsKey(ancestorAdcode)) {
            return false;
        }
        return ancestorsAndSelf(adcode).stream().anyMatch(j -> j.adcode().equals(ancestorAdcode));
    }

    public Jurisdiction province() {
        return province;
    }

    public List<Jurisdiction> cities() {
        return children(province.adcode());
    }

    public List<Jurisdiction> counties() {
        return byAdcode.values().stream().filter(j -> j.tier() == Tier.COUNTY).toList();
    }

    /** Every jurisdiction, province first, then by adcode. */
    public List<Jurisdiction> all() {
        return List.copyOf(byAdcode.values());
    }

    /**
     * Counties sharing a border with this one, whatever their city. Borders are
     * found with a tolerance (see {@link GeographyTolerances}) so that slivers
     * and gaps of approximate data do not break adjacency; a touch at a single
     * corner does not count. Empty for an unknown code or a city/province.
     */
    public List<Jurisdiction> neighbours(String countyAdcode) {
        return countyAdcode == null ? List.of() : neighbours.getOrDefault(countyAdcode, List.of());
    }
}
