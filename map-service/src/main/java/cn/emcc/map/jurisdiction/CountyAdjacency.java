package cn.emcc.map.jurisdiction;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds which counties share a border. Approximate or independently digitised
 * boundaries leave slivers and gaps where neighbours should meet, so two
 * counties count as neighbours when enough of one's boundary lies within a
 * small distance of the other, not only when they touch exactly. A corner
 * touch or a sliver tip is shorter than the minimum and does not count.
 * Each pair is decided once, so the relation is symmetric.
 */
final class CountyAdjacency {

    private CountyAdjacency() {
    }

    static Map<String, Set<String>> of(Map<String, Geometry> counties, GeographyTolerances tolerances) {
        STRtree index = new STRtree();
        counties.forEach((code, g) -> index.insert(g.getEnvelopeInternal(), code));
        index.build();

        Map<String, Geometry> grown = new HashMap<>();
        Map<String, Set<String>> adjacency = new TreeMap<>();
        counties.keySet().forEach(code -> adjacency.put(code, new TreeSet<>()));

        for (Map.Entry<String, Geometry> entry : counties.entrySet()) {
            String code = entry.getKey();
            Geometry county = entry.getValue();
            Envelope search = GroundDistance.expand(county.getEnvelopeInternal(), tolerances.neighbourMetres());
            @SuppressWarnings("unchecked")
            List<String> candidates = index.query(search);
            for (String other : candidates) {
                if (other.compareTo(code) <= 0) {
                    continue;
                }
                Geometry otherGrown = grown.computeIfAbsent(other, k -> grow(counties.get(k), tolerances));
                if (!county.intersects(otherGrown)) {
                    continue;
                }
                double shared = GroundDistance.length(county.getBoundary().intersection(otherGrown));
                if (shared >= tolerances.minSharedBorderMetres() && shared > 0) {
                    adjacency.get(code).add(other);
                    adjacency.get(other).add(code);
                }
            }
        }
        return adjacency;
    }

    private static Geometry grow(Geometry county, GeographyTolerances tolerances) {
        double latitude = county.getEnvelopeInternal().centre().y;
        return county.buffer(GroundDistance.degreesCovering(tolerances.neighbourMetres(), latitude));
    }
}
