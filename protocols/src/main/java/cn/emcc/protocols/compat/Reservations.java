package cn.emcc.protocols.compat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code reserved} numbers and names of one message or enum. Message
 * ranges end exclusively and enum ranges inclusively in descriptors; here both
 * are held end-exclusive.
 */
final class Reservations {

    private record Range(long start, long endExclusive) {
        boolean contains(long number) {
            return number >= start && number < endExclusive;
        }

        @Override
        public String toString() {
            return endExclusive - start == 1 ? String.valueOf(start) : start + " to " + (endExclusive - 1);
        }
    }

    private final List<Range> ranges;
    private final Set<String> names;

    private Reservations(List<Range> ranges, Set<String> names) {
        this.ranges = ranges;
        this.names = names;
    }

    static Reservations of(DescriptorProto message) {
        List<Range> ranges = new ArrayList<>();
        message.getReservedRangeList().forEach(r -> ranges.add(new Range(r.getStart(), r.getEnd())));
        return new Reservations(ranges, new LinkedHashSet<>(message.getReservedNameList()));
    }

    static Reservations of(EnumDescriptorProto e) {
        List<Range> ranges = new ArrayList<>();
        e.getReservedRangeList().forEach(r -> ranges.add(new Range(r.getStart(), (long) r.getEnd() + 1)));
        return new Reservations(ranges, new LinkedHashSet<>(e.getReservedNameList()));
    }

    boolean hasNumber(long number) {
        return ranges.stream().anyMatch(r -> r.contains(number));
    }

    boolean hasName(String name) {
        return names.contains(name);
    }

    /** The {@code reserved} statements still needed to retire this number and name; empty when both are reserved. */
    String missingFor(int number, String name) {
        List<String> missing = new ArrayList<>(2);
        if (!hasNumber(number)) {
            missing.add("reserved " + number + ";");
        }
        if (!hasName(name)) {
            missing.add("reserved \"" + name + "\";");
        }
        return String.join(" ", missing);
    }

    /** Reservations held here that {@code later} gives up, which would let a retired number or name be reused. */
    List<String> droppedIn(Reservations later, String prefix) {
        List<String> dropped = new ArrayList<>();
        for (Range range : ranges) {
            if (!later.covers(range)) {
                dropped.add(prefix + "reserved number " + range + " no longer reserved");
            }
        }
        for (String name : names) {
            if (!later.hasName(name)) {
                dropped.add(prefix + "reserved name '" + name + "' no longer reserved");
            }
        }
        return dropped;
    }

    // Walks the range through the union of this side's ranges, which may split it.
    private boolean covers(Range wanted) {
        long next = wanted.start();
        while (next < wanted.endExclusive()) {
            long at = next;
            Range holder = ranges.stream().filter(r -> r.contains(at)).findFirst().orElse(null);
            if (holder == null) {
                return false;
            }
            next = holder.endExclusive();
        }
        return true;
    }
}
