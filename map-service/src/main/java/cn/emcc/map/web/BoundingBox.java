package cn.emcc.map.web;

import org.locationtech.jts.geom.Envelope;

import java.util.Optional;

/**
 * A map request's bounding box in WGS84 degrees, written as Leaflet and most
 * GIS tools send it: {@code bbox=minLon,minLat,maxLon,maxLat}.
 */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {

    /** The whole world: what a request without {@code bbox} asks for. */
    public static final BoundingBox WORLD = new BoundingBox(-180, -90, 180, 90);

    public BoundingBox {
        if (!(minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90 && minLon <= maxLon && minLat <= maxLat)) {
            throw new IllegalArgumentException("bbox is " + minLon + "," + minLat + "," + maxLon + "," + maxLat
                    + "; expected minLon,minLat,maxLon,maxLat within -180..180 and -90..90, min <= max");
        }
    }

    /** Parses {@code minLon,minLat,maxLon,maxLat}; an absent value is {@link #WORLD}. */
    public static BoundingBox parse(Optional<String> text) {
        if (text.isEmpty() || text.get().isBlank()) {
            return WORLD;
        }
        String[] parts = text.get().split(",", -1); // "1,2,3,4," has five values, the last one empty
        if (parts.length != 4) {
            throw new IllegalArgumentException("bbox is '" + text.get() + "'; expected four numbers minLon,minLat,maxLon,maxLat");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bbox is '" + text.get() + "'; '" + parts[i]
                        + "' is not a number; expected four numbers minLon,minLat,maxLon,maxLat");
            }
        }
        return new BoundingBox(v[0], v[1], v[2], v[3]);
    }

    public boolean contains(double lon, double lat) {
        return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
    }

    public boolean intersects(Envelope e) {
        return envelope().intersects(e);
    }

    public Envelope envelope() {
        return new Envelope(minLon, maxLon, minLat, maxLat);
    }
}
