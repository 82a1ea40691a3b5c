package cn.emcc.map.jurisdiction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the division-code table, a CSV with the header
 * {@code adcode,name,level,parent_adcode} and levels {@code province},
 * {@code city}, {@code county}. This table, not the GeoJSON, defines the
 * tree: boundaries are then matched to it by adcode.
 */
final class DivisionCodes {

    static final String HEADER = "adcode,name,level,parent_adcode";

    private DivisionCodes() {
    }

    static List<Jurisdiction> read(URL source) {
        List<Jurisdiction> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(source.openStream(), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equals(HEADER)) {
                problems.add("line 1 is '" + header + "'; expected the header " + HEADER);
            } else {
                String line;
                int number = 1;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (!line.isBlank()) {
                        parse(line, number, rows, problems);
                    }
                }
            }
        } catch (IOException e) {
            throw new JurisdictionDataException("cannot read division codes from " + source + ": " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new JurisdictionDataException(source.toString(), problems);
        }
        return rows;
    }

    private static void parse(String line, int number, List<Jurisdiction> rows, List<String> problems) {
        String[] f = line.split(",", -1);
        if (f.length != 4) {
            problems.add("line " + number + " '" + line + "' has " + f.length + " fields; expected 4 (" + HEADER + ")");
            return;
        }
        String adcode = f[0].trim();
        String name = f[1].trim();
        String level = f[2].trim().toLowerCase(Locale.ROOT);
        String parent = f[3].trim().isEmpty() ? null : f[3].trim();
        Tier tier = switch (level) {
            case "province" -> Tier.PROVINCE;
            case "city" -> Tier.CITY;
            case "county" -> Tier.COUNTY;
            default -> null;
        };
        if (tier == null) {
            problems.add("line " + number + ": level is '" + f[2] + "'; expected province, city or county");
            return;
        }
        try {
            rows.add(new Jurisdiction(adcode, name, tier, parent));
        } catch (IllegalArgumentException e) {
            problems.add("line " + number + ": " + e.getMessage());
        }
    }
}
