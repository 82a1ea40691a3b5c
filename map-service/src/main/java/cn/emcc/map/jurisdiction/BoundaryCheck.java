package cn.emcc.map.jurisdiction;

import cn.emcc.map.jurisdiction.BoundaryFeatures.BoundaryFeature;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Matches boundaries to the tree and makes sure each is usable: one polygon
 * per jurisdiction in the file of its tier, names and parents agreeing with
 * the table, lon/lat coordinates, valid geometry. An invalid polygon is
 * repaired with {@code buffer(0)} and logged, unless the repair changes its
 * area noticeably (a bow-tie losing a lobe), which fails instead.
 */
final class BoundaryCheck {

    private static final Logger log = LoggerFactory.getLogger(BoundaryCheck.class);
    private static final double MAX_REPAIR_AREA_CHANGE = 0.01;
    private static final Envelope LON_LAT = new Envelope(-180, 180, -90, 90);

    private BoundaryCheck() {
    }

    /** Returns the boundary of every jurisdiction in the tree, by adcode, repaired where needed. */
    static Map<String, Geometry> check(JurisdictionTree tree, Map<Tier, URL> sources,
                                       Map<Tier, List<BoundaryFeature>> features) {
        List<String> problems = new ArrayList<>();
        Map<String, Geometry> boundaries = new TreeMap<>();
        for (Tier tier : Tier.values()) {
            String file = sources.get(tier).toString();
            Set<String> expected = tree.all().stream().filter(j -> j.tier() == tier)
                    .map(Jurisdiction::adcode).collect(Collectors.toSet());
            for (BoundaryFeature f : features.get(tier)) {
                String where = tier.name().toLowerCase(Locale.ROOT) + " file " + file + " feature #" + f.index()
                        + " (adcode " + f.adcode() + ")";
                Jurisdiction j = tree.get(f.adcode()).orElse(null);
                if (j == null || j.tier() != tier) {
                    problems.add(where + " is " + (j == null ? "not in the division-code table" : "a " + j.tier())
                            + "; expected a " + tier + " of the table");
                    continue;
                }
                if (boundaries.containsKey(j.adcode())) {
                    problems.add(where + " repeats a jurisdiction already read; expected one feature per adcode");
                    continue;
                }
                if (f.name() != null && !f.name().equals(j.name())) {
                    problems.add(where + " is named " + f.name() + "; the division-code table says " + j.name());
                }
                if (f.cityAdcode() != null && tier == Tier.COUNTY && !f.cityAdcode().equals(j.parentAdcode())) {
                    problems.add(where + " has city_adcode " + f.cityAdcode() + "; the division-code table says "
                            + j.parentAdcode());
                }
                Geometry usable = usable(where, f.geometry(), problems);
                if (usable != null) {
                    boundaries.put(j.adcode(), usable);
                }
            }
            expected.stream().filter(code -> !boundaries.containsKey(code)).sorted().forEach(code -> problems.add(
                    tier + " " + tree.get(code).orElseThrow() + " has no boundary in " + file));
        }
        if (!problems.isEmpty()) {
            throw new JurisdictionDataException("the boundary files", problems);
        }
        return boundaries;
    }

    private static Geometry usable(String where, Geometry geometry, List<String> problems) {
        if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
            problems.add(where + " has a " + (geometry.isEmpty() ? "empty " : "") + geometry.getGeometryType()
                    + "; expected a non-empty Polygon or MultiPolygon");
            return null;
        }
        if (!LON_LAT.contains(geometry.getEnvelopeInternal())) {
            problems.add(where + " spans " + geometry.getEnvelopeInternal()
                    + ", outside lon/lat degrees; expected WGS84/CGCS2000 longitude and latitude (projected data?)");
            return null;
        }
        IsValidOp validity = new IsValidOp(geometry);
        if (validity.isValid()) {
            return geometry;
        }
        TopologyValidationError error = validity.getValidationError();
        Geometry repaired = geometry.buffer(0);
        double change = Math.abs(repaired.getArea() - geometry.getArea()) / Math.max(geometry.getArea(), 1e-12);
        if (repaired.isEmpty() || !repaired.isValid() || change > MAX_REPAIR_AREA_CHANGE) {
            problems.add(String.format(Locale.ROOT,
                    "%s is invalid (%s) and buffer(0) cannot repair it (area changed by %.1f %%); fix the data",
                    where, error, change * 100));
            return null;
        }
        log.warn("{} was invalid ({}); repaired with buffer(0), area changed by {} %", where, error,
                String.format(Locale.ROOT, "%.4f", change * 100));
        return repaired;
    }
}
