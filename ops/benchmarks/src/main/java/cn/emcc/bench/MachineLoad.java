package cn.emcc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The load on the machine when a benchmark starts. Figures taken while other
 * builds share the cores are not comparable with quiet ones, so every run says
 * which it was.
 */
final class MachineLoad {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private MachineLoad() {
    }

    static String describe() {
        int cpus = Runtime.getRuntime().availableProcessors();
        String load;
        try {
            load = Files.readString(LOADAVG).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return cpus + " cpus, load average unknown (" + LOADAVG + " unreadable)";
        }
        double oneMinute = Double.parseDouble(load);
        String warning = oneMinute > cpus
                ? " - busier than its " + cpus + " cpus: figures will be slow and noisy" : "";
        return String.format(Locale.ROOT, "%d cpus, load average %.2f%s", cpus, oneMinute, warning);
    }
}
