package cn.emcc.map.jurisdiction;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the jurisdiction data comes from: three GeoJSON FeatureCollections
 * (province, cities, counties; each feature with an {@code adcode} property)
 * and the division-code table ({@code adcode,name,level,parent_adcode}). The
 * shipped defaults are on the classpath; a deployment points config at files
 * holding official boundaries (docs/geography.md).
 */
public record JurisdictionSources(URL province, URL cities, URL counties, URL divisionCodes) {

    public static final String CLASSPATH_PREFIX = "classpath:";
    public static final String DEFAULT_PROVINCE = "classpath:geo/shandong/shandong-province.geojson";
    public static final String DEFAULT_CITIES = "classpath:geo/shandong/shandong-cities.geojson";
    public static final String DEFAULT_COUNTIES = "classpath:geo/shandong/shandong-counties-approx.geojson";
    public static final String DEFAULT_DIVISION_CODES = "classpath:geo/shandong/division-codes.csv";

    public JurisdictionSources {
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(cities, "cities");
        Objects.requireNonNull(counties, "counties");
        Objects.requireNonNull(divisionCodes, "divisionCodes");
    }

    /** The Shandong data shipped in this module (approximate counties, see geo/shandong/README.md). */
    public static JurisdictionSources shandongDefault() {
        return of(DEFAULT_PROVINCE, DEFAULT_CITIES, DEFAULT_COUNTIES, DEFAULT_DIVISION_CODES);
    }

    public static JurisdictionSources of(Path province, Path cities, Path counties, Path divisionCodes) {
        return new JurisdictionSources(toUrl(province), toUrl(cities), toUrl(counties), toUrl(divisionCodes));
    }

    /**
     * From config strings: each is {@code classpath:some/resource}, a URL with a
     * scheme ({@code file:/...}, {@code jar:...}), or a file-system path.
     */
    public static JurisdictionSources of(String province, String cities, String counties, String divisionCodes) {
        return new JurisdictionSources(resolve("province", province), resolve("cities", cities),
                resolve("counties", counties), resolve("divisionCodes", divisionCodes));
    }

    static URL resolve(String field, String location) {
        if (location == null || location.isBlank()) {
            throw new JurisdictionDataException(field + " location is empty; expected classpath:..., a URL or a path");
        }
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
            URL url = JurisdictionSources.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new JurisdictionDataException(field + " location " + location
                        + " names no resource on the classpath");
            }
            return url;
        }
        if (location.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !location.matches("^[A-Za-z]:[\\\\/].*")) {
            try {
                return URI.create(location).toURL();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new JurisdictionDataException(field + " location " + location + " is not a valid URL", e);
            }
        }
        return toUrl(Path.of(location));
    }

    private static URL toUrl(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new JurisdictionDataException("path " + path + " cannot be made a URL", e);
        }
    }
}
