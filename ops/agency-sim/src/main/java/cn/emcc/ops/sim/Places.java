package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.GeoPoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The counties of Shandong with a caller point and a population weight,
 * read from {@code sim/shandong-places.csv} (see {@code sim/SOURCE.md}), and
 * weighted picks among them.
 */
public final class Places {

    public static final String RESOURCE = "/sim/shandong-places.csv";
    private static final String HEADER = "adcode,county,city_adcode,city,lon,lat,population_weight";

    private final List<Place> all;
    private final Map<String, List<Place>> byCity;
    private final Weighted<Place> byPopulation;

    private Places(List<Place> all) {
        this.all = List.copyOf(all);
        Map<String, List<Place>> cities = new LinkedHashMap<>();
        for (Place p : all) {
            cities.computeIfAbsent(p.cityAdcode(), k -> new ArrayList<>()).add(p);
        }
        cities.replaceAll((k, v) -> List.copyOf(v));
        this.byCity = Collections.unmodifiableMap(cities);
        Weighted.Builder<Place> weights = Weighted.builder();
        all.forEach(p -> weights.add(p, p.populationWeight()));
        this.byPopulation = weights.build();
    }

    /** The places shipped with the simulators. */
    public static Places shandong() {
        try (InputStream in = Places.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    static Places parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null || !header.strip().replace("\uFEFF", "").equals(HEADER)) {
            throw new IllegalArgumentException("places header is '" + header + "'; expected '" + HEADER + "'");
        }
        List<Place> places = new ArrayList<>();
        String line;
        int number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 7) {
                throw new IllegalArgumentException("places line " + number + " has " + f.length
                        + " columns; expected 7 (" + HEADER + ")");
            }
            GeoPoint point = GeoPoint.newBuilder()
                    .setLongitude(Double.parseDouble(f[4]))
                    .setLatitude(Double.parseDouble(f[5]))
                    .build();
            places.add(new Place(f[0], f[1], f[2], f[3], point, Integer.parseInt(f[6])));
        }
        if (places.isEmpty()) {
            throw new IllegalArgumentException("places file has no rows");
        }
        return new Places(places);
    }

    public List<Place> all() {
        return all;
    }

    /** Counties grouped by city adcode, in file order. */
    public Map<String, List<Place>> byCity() {
        return byCity;
    }

    /** The counties of one city; fails for an unknown city adcode. */
    public List<Place> inCity(String cityAdcode) {
        List<Place> places = byCity.get(cityAdcode);
        if (places == null) {
            throw new IllegalArgumentException("city adcode '" + cityAdcode + "' is not one of " + byCity.keySet());
        }
        return places;
    }

    /** The city's seat: its first listed division (the lowest adcode, the old urban district). */
    public Place seatOf(String cityAdcode) {
        return inCity(cityAdcode).get(0);
    }

    /** A county drawn with probability proportional to its population. */
    public Place pick(Random random) {
        return byPopulation.pick(random);
    }
}
