package cn.emcc.bench.protocol;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one row per payload kind (its size and each column in µs/msg), then
 * the round-robin mix and the plain mean of the kinds. With {@code ratio}, a
 * last column divides the first column by the second.
 */
final class KindTable {

    /** A measured column: the per-kind benchmark method and, if any, its round-robin mix method. */
    record Column(String header, String perKindMethod, String mixMethod) {
    }

    private KindTable() {
    }

    static void print(PrintStream out, Map<MessageKind, Envelope> samples, KindResults results,
                      List<Column> columns, boolean ratio) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-22s %6s", "kind", "bytes"));
        columns.forEach(c -> header.append(String.format(Locale.ROOT, " %16s", c.header())));
        if (ratio) {
            header.append(String.format(Locale.ROOT, " %7s", "ratio"));
        }
        out.println();
        out.println(header + "   (µs/msg)");

        double[] sums = new double[columns.size()];
        for (MessageKind kind : samples.keySet()) {
            double[] row = new double[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                row[i] = results.nanos(columns.get(i).perKindMethod(), kind) / 1000.0;
                sums[i] += row[i];
            }
            String name = kind.name().substring("MESSAGE_KIND_".length()).toLowerCase(Locale.ROOT);
            printRow(out, name, String.valueOf(samples.get(kind).getSerializedSize()), row, ratio);
        }

        double[] mean = new double[columns.size()];
        double[] mix = new double[columns.size()];
        boolean haveMix = true;
        for (int i = 0; i < columns.size(); i++) {
            mean[i] = sums[i] / samples.size();
            String mixMethod = columns.get(i).mixMethod();
            haveMix &= mixMethod != null;
            mix[i] = mixMethod == null ? Double.NaN : results.nanos(mixMethod) / 1000.0;
        }
        printRow(out, "mean of kinds", "", mean, ratio);
        if (haveMix) {
            printRow(out, "mix (round robin)", "", mix, ratio);
        } else {
            printRow(out, "mix (round robin)", "", mix, false);
        }
        out.println();
    }

    private static void printRow(PrintStream out, String label, String bytes, double[] values, boolean ratio) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-22s %6s", label, bytes));
        for (double v : values) {
            row.append(Double.isNaN(v) ? String.format(Locale.ROOT, " %16s", "-")
                    : String.format(Locale.ROOT, " %16.3f", v));
        }
        if (ratio && values.length >= 2) {
            row.append(String.format(Locale.ROOT, " %7.2f", values[0] / values[1]));
        }
        out.println(row);
    }
}
