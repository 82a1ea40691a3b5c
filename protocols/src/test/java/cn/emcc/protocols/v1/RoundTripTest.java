package cn.emcc.protocols.v1;

import cn.emcc.protocols.SampleMessages;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message of the contract survives the binary encoding and the protobuf JSON mapping unchanged. */
class RoundTripTest {

    static List<Message> everyMessage() {
        return SampleMessages.everyMessage();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyMessage")
    void binaryRoundTripKeepsEveryField(Message message) throws InvalidProtocolBufferException {
        byte[] bytes = message.toByteArray();

        Message parsed = message.getParserForType().parseFrom(bytes);

        assertThat(parsed).isEqualTo(message);
        assertThat(parsed.getUnknownFields().asMap()).isEmpty();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyMessage")
    void jsonRoundTripKeepsEveryField(Message message) throws InvalidProtocolBufferException {
        String json = JsonFormat.printer().print(message);
        Message.Builder parsed = message.newBuilderForType();

        JsonFormat.parser().merge(json, parsed);

        assertThat(parsed.build()).isEqualTo(message);
    }

    @Test
    void jsonUsesTheProtoFieldNamesInLowerCamelCaseAndEnumNames() throws InvalidProtocolBufferException {
        String json = JsonFormat.printer().print(SampleMessages.fireAlarm());

        assertThat(json).contains("\"fireAlarm\"", "\"messageId\": \"qingdao-119-20260712-000088\"",
                "\"category\": \"INCIDENT_CATEGORY_FIRE_BUILDING\"", "\"sent\": \"2026-07-12T08:29:55Z\"",
                "\"longitude\": 120.3841");
    }

    /** Guards the list above: a message type added to the contract without a sample fails here. */
    @Test
    void theSamplesCoverEveryMessageTypeOfTheContract() {
        Set<String> contract = new TreeSet<>();
        for (FileDescriptor file : List.of(EnvelopeProto.getDescriptor(), RepliesProto.getDescriptor(),
                StreamProto.getDescriptor())) {
            collectContractTypes(file, contract);
        }
        Set<String> sampled = new TreeSet<>();
        for (Message m : SampleMessages.everyMessage()) {
            collectPresentTypes(m, sampled);
        }

        assertThat(contract).hasSizeGreaterThan(30);
        assertThat(sampled).containsAll(contract);
    }

    private static void collectContractTypes(FileDescriptor file, Set<String> into) {
        if (!file.getPackage().equals("emcc.v1")) {
            return;
        }
        for (Descriptor d : file.getMessageTypes()) {
            collectNested(d, into);
        }
        for (FileDescriptor dependency : file.getDependencies()) {
            collectContractTypes(dependency, into);
        }
    }

    private static void collectNested(Descriptor d, Set<String> into) {
        if (d.getOptions().getMapEntry()) {
            return;
        }
        into.add(d.getFullName());
        for (Descriptor nested : d.getNestedTypes()) {
            collectNested(nested, into);
        }
    }

    private static void collectPresentTypes(Message m, Set<String> into) {
        into.add(m.getDescriptorForType().getFullName());
        for (Map.Entry<FieldDescriptor, Object> field : m.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.getKey().isRepeated()) {
                for (Object item : (List<?>) field.getValue()) {
                    collectPresentTypes((Message) item, into);
                }
            } else {
                collectPresentTypes((Message) field.getValue(), into);
            }
        }
    }
}
