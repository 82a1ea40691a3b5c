package cn.emcc.map.jurisdiction;

import cn.emcc.map.jurisdiction.BoundaryFeatures.BoundaryFeature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads and checks jurisdiction data at start: the division-code table makes
 * the tree, the three GeoJSON files give each node its polygon, then the
 * county index and adjacency are built. Any problem fails the load with a
 * {@link JurisdictionDataException} that lists all of them: a command system
 * must not start with a wrong map.
 */
public final class JurisdictionLoader {

    /** The shape of the shipped Shandong data, checked so that a damaged copy cannot start. */
    static final int DEFAULT_CITIES = 16;
    static final int DEFAULT_COUNTIES = 136;

    /** RFC 7946 coordinates: WGS84 lon/lat, EPSG:4326. */
    static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);

    private static final Logger log = LoggerFactory.getLogger(JurisdictionLoader.class);

    private JurisdictionLoader() {
    }

    /** The shipped Shandong data (1 province, 16 cities, 136 approximate counties). */
    public static Jurisdictions loadDefault() {
        Jurisdictions loaded = load(JurisdictionSources.shandongDefault(), GeographyTolerances.DEFAULTS);
        checkDefaultShape(loaded.tree());
        return loaded;
    }

    static void checkDefaultShape(JurisdictionTree tree) {
        List<String> problems = new ArrayList<>();
        int cities = tree.cities().size();
        int counties = tree.counties().size();
        if (cities != DEFAULT_CITIES) {
            problems.add("found " + cities + " cities; expected " + DEFAULT_CITIES);
        }
        if (counties != DEFAULT_COUNTIES) {
            problems.add("found " + counties + " counties; expected " + DEFAULT_COUNTIES);
        }
        if (!problems.isEmpty()) {
            throw new JurisdictionDataException("the shipped Shandong data", problems);
        }
    }

    public static Jurisdictions load(Path province, Path cities, Path counties, Path divisionCodes) {
        return load(JurisdictionSources.of(province, cities, counties, divisionCodes), GeographyTolerances.DEFAULTS);
    }

    public static Jurisdictions load(URL province, URL cities, URL counties, URL divisionCodes) {
        return load(new JurisdictionSources(province, cities, counties, divisionCodes), GeographyTolerances.DEFAULTS);
    }

    public static Jurisdictions load(JurisdictionSources sources, GeographyTolerances tolerances) {
        long started = System.nanoTime();
        JurisdictionTree tree = JurisdictionTree.of(DivisionCodes.read(sources.divisionCodes()),
                sources.divisionCodes().toString());

        Map<Tier, URL> files = new EnumMap<>(Map.of(
                Tier.PROVINCE, sources.province(), Tier.CITY, sources.cities(), Tier.COUNTY, sources.counties()));
        Map<Tier, List<BoundaryFeature>> features = new EnumMap<>(Tier.class);
        files.forEach((tier, url) -> features.put(tier, BoundaryFeatures.read(url, LON_LAT)));
        Map<String, Geometry> boundaries = BoundaryCheck.check(tree, files, features);

        Map<String, Geometry> countyBoundaries = new TreeMap<>();
        tree.counties().forEach(c -> countyBoundaries.put(c.adcode(), boundaries.get(c.adcode())));
        JurisdictionTree withNeighbours = tree.withNeighbours(CountyAdjacency.of(countyBoundaries, tolerances));
        JurisdictionLocator locator = new JurisdictionLocator(withNeighbours, boundaries, tolerances);

        log.info("loaded {} with {} cities and {} counties from {} in {} ms", tree.province(), tree.cities().size(),
                tree.counties().size(), sources.counties(), (System.nanoTime() - started) / 1_000_000);
        return new Jurisdictions(withNeighbours, locator, boundaries);
    }
}
