package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.JurisdictionLoader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the generated Shandong roster as CSV: how
 * {@code dispatch/src/main/resources/roster/shandong-roster.csv} was made.
 * Arguments: output path, optional seed (default 2026), optional scale (default 1).
 */
public final class RosterExport {

    private RosterExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: RosterExport OUTPUT.csv [SEED] [SCALE]");
            System.exit(2);
        }
        long seed = args.length > 1 ? Long.parseLong(args[1]) : ShandongRoster.DEFAULT_SEED;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        List<Unit> units = ShandongRoster.generate(seed, JurisdictionLoader.loadDefault(), scale);
        try (Writer out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            RosterCsv.write(units, out);
        }
        System.out.println(units.size() + " units written to " + args[0]);
    }
}
