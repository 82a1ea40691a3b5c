package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.RejectionCode;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;

/**
 * Checks on proto3 (open) enums. A field read as a number catches both the
 * *_UNSPECIFIED default (the sender did not set it) and numbers from a newer
 * contract that this version cannot act on, which Java shows as UNRECOGNIZED.
 */
final class EnumChecks {

    /** UNKNOWN_ENUM for 0 and for numbers the type does not define; true when known. */
    boolean required(Violations v, String path, int number, EnumDescriptor type) {
        if (number == 0) {
            v.add(RejectionCode.REJECTION_CODE_UNKNOWN_ENUM, path,
                    path + " is " + type.findValueByNumber(0).getName() + "; expected a " + type.getName()
                            + " such as " + firstKnown(type));
            return false;
        }
        return known(v, path, number, type);
    }

    /** Like {@link #required} but 0 (not given) is accepted. */
    boolean optional(Violations v, String path, int number, EnumDescriptor type) {
        return number == 0 || known(v, path, number, type);
    }

    private boolean known(Violations v, String path, int number, EnumDescriptor type) {
        if (type.findValueByNumber(number) == null) {
            v.add(RejectionCode.REJECTION_CODE_UNKNOWN_ENUM, path,
                    path + " is " + number + ", not a " + type.getName() + " this version knows");
            return false;
        }
        return true;
    }

    private static String firstKnown(EnumDescriptor type) {
        return type.getValues().stream()
                .filter(value -> value.getNumber() != 0)
                .map(EnumValueDescriptor::getName)
                .findFirst()
                .orElse("?");
    }
}
