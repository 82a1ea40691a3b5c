package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects everything wrong with one message, in the order found. Field paths
 * use the proto field names joined by dots, with list indexes in brackets:
 * {@code weather_warning.areas[0].polygons[1].ring[3].latitude}.
 */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public void add(RejectionCode code, String fieldPath, String reason) {
        found.add(Violation.newBuilder().setCode(code).setFieldPath(fieldPath).setReason(reason).build());
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    public List<Violation> toList() {
        return List.copyOf(found);
    }

    /** {@code parent.child}, or {@code child} at the top level. */
    public static String path(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    /** {@code list[index]}. */
    public static String index(String listPath, int index) {
        return listPath + "[" + index + "]";
    }
}
