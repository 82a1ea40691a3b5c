package cn.emcc.protocols.compat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides whether a new version of the contract still talks to systems built
 * against an older one. Agencies upgrade on their own schedule, so anything a
 * deployed sender or receiver relies on (types, field numbers and names, wire
 * types, enum numbers, generated Java names) must survive; additions are fine.
 *
 * <p>Types are matched by their full name across all files, so moving a message
 * to another file of the same package is not a break.
 */
public final class CompatibilityChecker {

    /**
     * One readable line per break, in the order of {@code before}; empty when
     * {@code after} can replace {@code before}.
     */
    public List<String> breakingChanges(FileDescriptorSet before, FileDescriptorSet after) {
        List<String> breaks = new ArrayList<>();
        compareFiles(before, after, breaks);

        Map<String, DescriptorProto> afterMessages = messagesByFullName(after);
        messagesByFullName(before).forEach((name, old) -> {
            DescriptorProto now = afterMessages.get(name);
            if (now == null) {
                breaks.add(name + ": message removed");
            } else {
                compareMessage(name, old, now, breaks);
            }
        });

        Map<String, EnumDescriptorProto> afterEnums = enumsByFullName(after);
        enumsByFullName(before).forEach((name, old) -> {
            EnumDescriptorProto now = afterEnums.get(name);
            if (now == null) {
                breaks.add(name + ": enum removed");
            } else {
                compareEnum(name, old, now, breaks);
            }
        });
        return List.copyOf(breaks);
    }

    // Package and java_package decide the names on the wire (Any, JSON type
    // urls) and in client code; the outer class name and java_multiple_files
    // decide the generated Java class names clients import.
    private static void compareFiles(FileDescriptorSet before, FileDescriptorSet after, List<String> breaks) {
        Map<String, FileDescriptorProto> afterFiles = index(after.getFileList(), FileDescriptorProto::getName);
        for (FileDescriptorProto old : before.getFileList()) {
            FileDescriptorProto now = afterFiles.get(old.getName());
            if (now == null) {
                continue; // its types are checked one by one, wherever they went
            }
            String file = old.getName();
            changed(file, "package", old.getPackage(), now.getPackage(), breaks);
            changed(file, "java_package", old.getOptions().getJavaPackage(), now.getOptions().getJavaPackage(), breaks);
            changed(file, "java_outer_classname",
                    old.getOptions().getJavaOuterClassname(), now.getOptions().getJavaOuterClassname(), breaks);
            changed(file, "java_multiple_files",
                    String.valueOf(old.getOptions().getJavaMultipleFiles()),
                    String.valueOf(now.getOptions().getJavaMultipleFiles()), breaks);
        }
    }

    private static void changed(String file, String option, String old, String now, List<String> breaks) {
        if (!old.equals(now)) {
            breaks.add(file + ": " + option + " changed from '" + old + "' to '" + now + "'");
        }
    }

    private static void compareMessage(String message, DescriptorProto old, DescriptorProto now, List<String> breaks) {
        Map<String, FieldDescriptorProto> nowByName = index(now.getFieldList(), FieldDescriptorProto::getName);
        Map<Integer, FieldDescriptorProto> nowByNumber = index(now.getFieldList(), FieldDescriptorProto::getNumber);
        Reservations reserved = Reservations.of(now);

        for (FieldDescriptorProto field : old.getFieldList()) {
            FieldDescriptorProto same = nowByName.get(field.getName());
            if (same == null) {
                FieldDescriptorProto successor = nowByNumber.get(field.getNumber());
                if (successor != null) {
                    breaks.add(message + ": field " + field.getNumber() + " '" + field.getName()
                            + "' renamed to '" + successor.getName() + "' (breaks JSON and generated code)");
                } else {
                    String missing = reserved.missingFor(field.getNumber(), field.getName());
                    if (!missing.isEmpty()) {
                        breaks.add(message + ": field " + field.getNumber() + " '" + field.getName()
                                + "' removed without `" + missing + "`");
                    }
                }
                continue;
            }
            String label = "field " + field.getNumber() + " '" + field.getName() + "'";
            if (same.getNumber() != field.getNumber()) {
                breaks.add(message + ": field '" + field.getName() + "' renumbered from "
                        + field.getNumber() + " to " + same.getNumber());
                label = "field '" + field.getName() + "'";
            }
            String oldType = typeOf(field);
            String newType = typeOf(same);
            if (!oldType.equals(newType)) {
                breaks.add(message + ": " + label + " type changed from " + oldType + " to " + newType);
            }
            if (isRepeated(field) != isRepeated(same)) {
                breaks.add(message + ": " + label + " changed from " + cardinality(field)
                        + " to " + cardinality(same));
            }
            String oldOneof = oneofOf(old, field);
            String newOneof = oneofOf(now, same);
            if (!Objects.equals(oldOneof, newOneof)) {
                breaks.add(message + ": " + label + " " + oneofMove(oldOneof, newOneof));
            }
        }

        Reservations wasReserved = Reservations.of(old);
        for (FieldDescriptorProto field : now.getFieldList()) {
            if (wasReserved.hasNumber(field.getNumber())) {
                breaks.add(message + ": field " + field.getNumber() + " '" + field.getName()
                        + "' reuses reserved number " + field.getNumber());
            }
            if (wasReserved.hasName(field.getName())) {
                breaks.add(message + ": field " + field.getNumber() + " '" + field.getName()
                        + "' reuses reserved name '" + field.getName() + "'");
            }
        }
        breaks.addAll(wasReserved.droppedIn(reserved, message + ": "));
    }

    private static void compareEnum(String enumName, EnumDescriptorProto old, EnumDescriptorProto now,
                                    List<String> breaks) {
        Map<String, EnumValueDescriptorProto> nowByName = index(now.getValueList(), EnumValueDescriptorProto::getName);
        Map<Integer, EnumValueDescriptorProto> nowByNumber =
                index(now.getValueList(), EnumValueDescriptorProto::getNumber);
        Reservations reserved = Reservations.of(now);

        for (EnumValueDescriptorProto value : old.getValueList()) {
            EnumValueDescriptorProto same = nowByName.get(value.getName());
            if (same == null) {
                EnumValueDescriptorProto successor = nowByNumber.get(value.getNumber());
                if (successor != null) {
                    breaks.add(enumName + ": value " + value.getNumber() + " '" + value.getName()
                            + "' renamed to '" + successor.getName() + "' (breaks JSON and generated code)");
                } else {
                    String missing = reserved.missingFor(value.getNumber(), value.getName());
                    if (!missing.isEmpty()) {
                        breaks.add(enumName + ": value " + value.getNumber() + " '" + value.getName()
                                + "' removed without `" + missing + "`");
                    }
                }
            } else if (same.getNumber() != value.getNumber()) {
                breaks.add(enumName + ": value '" + value.getName() + "' renumbered from "
                        + value.getNumber() + " to " + same.getNumber());
            }
        }

        Reservations wasReserved = Reservations.of(old);
        for (EnumValueDescriptorProto value : now.getValueList()) {
            if (wasReserved.hasNumber(value.getNumber())) {
                breaks.add(enumName + ": value " + value.getNumber() + " '" + value.getName()
                        + "' reuses reserved number " + value.getNumber());
            }
            if (wasReserved.hasName(value.getName())) {
                breaks.add(enumName + ": value " + value.getNumber() + " '" + value.getName()
                        + "' reuses reserved name '" + value.getName() + "'");
            }
        }
        breaks.addAll(wasReserved.droppedIn(reserved, enumName + ": "));
    }

    /** The declared type: the scalar's proto name, or the full name of the message or enum. */
    private static String typeOf(FieldDescriptorProto field) {
        if (field.hasTypeName()) {
            String name = field.getTypeName();
            return name.startsWith(".") ? name.substring(1) : name;
        }
        return field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
    }

    private static boolean isRepeated(FieldDescriptorProto field) {
        return field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED;
    }

    private static String cardinality(FieldDescriptorProto field) {
        return isRepeated(field) ? "repeated" : "singular";
    }

    /** The real oneof a field belongs to; proto3 {@code optional} fields sit in a synthetic one that does not count. */
    private static String oneofOf(DescriptorProto message, FieldDescriptorProto field) {
        if (!field.hasOneofIndex() || field.getProto3Optional()) {
            return null;
        }
        return message.getOneofDecl(field.getOneofIndex()).getName();
    }

    private static String oneofMove(String from, String to) {
        if (from == null) {
            return "moved into oneof '" + to + "'";
        }
        if (to == null) {
            return "moved out of oneof '" + from + "'";
        }
        return "moved from oneof '" + from + "' to oneof '" + to + "'";
    }

    private static Map<String, DescriptorProto> messagesByFullName(FileDescriptorSet set) {
        Map<String, DescriptorProto> all = new LinkedHashMap<>();
        for (FileDescriptorProto file : set.getFileList()) {
            for (DescriptorProto message : file.getMessageTypeList()) {
                collectMessages(qualify(file.getPackage(), message.getName()), message, all);
            }
        }
        return all;
    }

    private static void collectMessages(String fullName, DescriptorProto message, Map<String, DescriptorProto> all) {
        all.put(fullName, message);
        for (DescriptorProto nested : message.getNestedTypeList()) {
            collectMessages(fullName + "." + nested.getName(), nested, all);
        }
    }

    private static Map<String, EnumDescriptorProto> enumsByFullName(FileDescriptorSet set) {
        Map<String, EnumDescriptorProto> all = new LinkedHashMap<>();
        for (FileDescriptorProto file : set.getFileList()) {
            for (EnumDescriptorProto e : file.getEnumTypeList()) {
                all.put(qualify(file.getPackage(), e.getName()), e);
            }
        }
        messagesByFullName(set).forEach((messageName, message) -> {
            for (EnumDescriptorProto e : message.getEnumTypeList()) {
                all.put(messageName + "." + e.getName(), e);
            }
        });
        return all;
    }

    private static String qualify(String pkg, String name) {
        return pkg.isEmpty() ? name : pkg + "." + name;
    }

    private static <K, V> Map<K, V> index(List<V> items, Function<V, K> key) {
        Map<K, V> byKey = new LinkedHashMap<>();
        for (V item : items) {
            byKey.putIfAbsent(key.apply(item), item);
        }
        return byKey;
    }
}
