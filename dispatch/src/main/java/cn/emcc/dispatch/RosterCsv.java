package cn.emcc.dispatch;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.UnitStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A roster as CSV, one unit a line:
 * {@code unit_id,agency,unit_type,capabilities,station_name,county_adcode,city_adcode,home_lon,home_lat,status,lon,lat}.
 * Agency and status are the contract's enum names without their prefix
 * ({@code FIRE}, {@code AVAILABLE}); capabilities are joined by {@code |};
 * coordinates have six decimals.
 */
public final class RosterCsv {

    public static final String HEADER =
            "unit_id,agency,unit_type,capabilities,station_name,county_adcode,city_adcode,home_lon,home_lat,status,lon,lat";

    private RosterCsv() {
    }

    public static void write(List<Unit> units, Appendable out) throws IOException {
        out.append(HEADER).append('\n');
        for (Unit u : units) {
            List<String> caps = u.capabilities().stream().map(Enum::name).sorted().toList();
            out.append(u.unitId()).append(',')
                    .append(u.agency().name().replace("AGENCY_", "")).append(',')
                    .append(u.unitType().name()).append(',')
                    .append(String.join("|", caps)).append(',')
                    .append(u.stationName()).append(',')
                    .append(u.countyAdcode()).append(',')
                    .append(u.cityAdcode()).append(',')
                    .append(degrees(u.home().getLongitude())).append(',')
                    .append(degrees(u.home().getLatitude())).append(',')
                    .append(u.status().name().replace("UNIT_STATUS_", "")).append(',')
                    .append(degrees(u.position().getLongitude())).append(',')
                    .append(degrees(u.position().getLatitude())).append('\n');
        }
    }

    private static String degrees(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    /** @throws IllegalArgumentException naming the source, line and field of the first bad value */
    public static List<Unit> read(Reader reader, String source) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        String header = lines.readLine();
        if (!HEADER.equals(header)) {
            throw new IllegalArgumentException(source + " line 1: header '" + header + "'; expected '" + HEADER + "'");
        }
        List<Unit> units = new ArrayList<>();
        String line;
        int number = 1;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + " line " + number;
            String[] f = line.split(",", -1);
            if (f.length != 12) {
                throw new IllegalArgumentException(where + ": " + f.length + " fields; expected 12");
            }
            try {
                Set<Capability> caps = EnumSet.noneOf(Capability.class);
                for (String c : f[3].split("\\|")) {
                    caps.add(Capability.valueOf(c));
                }
                units.add(new Unit(f[0], Agency.valueOf("AGENCY_" + f[1]), UnitType.valueOf(f[2]), caps, f[4], f[5],
                        f[6], point(f[7], f[8]), UnitStatus.valueOf("UNIT_STATUS_" + f[9]), point(f[10], f[11])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(units);
    }

    private static GeoPoint point(String lon, String lat) {
        return GeoPoint.newBuilder().setLongitude(Double.parseDouble(lon)).setLatitude(Double.parseDouble(lat)).build();
    }
}
