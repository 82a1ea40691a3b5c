package cn.emcc.protocols.compat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;

import java.util.function.Consumer;

/** Edits a copy of a contract the way a careless change to a .proto file would. */
final class ContractEdits {

    private ContractEdits() {
    }

    static FileDescriptorSet editFile(FileDescriptorSet set, String fileName, Consumer<FileDescriptorProto.Builder> edit) {
        FileDescriptorSet.Builder copy = set.toBuilder();
        boolean found = false;
        for (FileDescriptorProto.Builder file : copy.getFileBuilderList()) {
            if (file.getName().equals(fileName)) {
                edit.accept(file);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no file '" + fileName + "' in the contract");
        }
        return copy.build();
    }

    /** Edits the top-level message {@code name} (simple name) wherever it is declared. */
    static FileDescriptorSet editMessage(FileDescriptorSet set, String name, Consumer<DescriptorProto.Builder> edit) {
        FileDescriptorSet.Builder copy = set.toBuilder();
        boolean found = false;
        for (FileDescriptorProto.Builder file : copy.getFileBuilderList()) {
            for (DescriptorProto.Builder message : file.getMessageTypeBuilderList()) {
                if (message.getName().equals(name)) {
                    edit.accept(message);
                    found = true;
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no message '" + name + "' in the contract");
        }
        return copy.build();
    }

    static FileDescriptorSet editField(FileDescriptorSet set, String message, String field,
                                       Consumer<FieldDescriptorProto.Builder> edit) {
        return editMessage(set, message, m -> edit.accept(m.getFieldBuilder(indexOfField(m, field))));
    }

    static FileDescriptorSet removeField(FileDescriptorSet set, String message, String field) {
        return editMessage(set, message, m -> m.removeField(indexOfField(m, field)));
    }

    static FileDescriptorSet editEnum(FileDescriptorSet set, String name, Consumer<EnumDescriptorProto.Builder> edit) {
        FileDescriptorSet.Builder copy = set.toBuilder();
        boolean found = false;
        for (FileDescriptorProto.Builder file : copy.getFileBuilderList()) {
            for (EnumDescriptorProto.Builder e : file.getEnumTypeBuilderList()) {
                if (e.getName().equals(name)) {
                    edit.accept(e);
                    found = true;
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no enum '" + name + "' in the contract");
        }
        return copy.build();
    }

    static int indexOfField(DescriptorProto.Builder message, String field) {
        for (int i = 0; i < message.getFieldCount(); i++) {
            if (message.getField(i).getName().equals(field)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no field '" + field + "' in " + message.getName());
    }

    static int indexOfValue(EnumDescriptorProto.Builder e, String value) {
        for (int i = 0; i < e.getValueCount(); i++) {
            if (e.getValue(i).getName().equals(value)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no value '" + value + "' in " + e.getName());
    }

    static int indexOfOneof(DescriptorProto.Builder message, String oneof) {
        for (int i = 0; i < message.getOneofDeclCount(); i++) {
            if (message.getOneofDecl(i).getName().equals(oneof)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no oneof '" + oneof + "' in " + message.getName());
    }
}
