package cn.emcc.protocols.compat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.emcc.protocols.compat.ContractEdits.editEnum;
import static cn.emcc.protocols.compat.ContractEdits.editField;
import static cn.emcc.protocols.compat.ContractEdits.editFile;
import static cn.emcc.protocols.compat.ContractEdits.editMessage;
import static cn.emcc.protocols.compat.ContractEdits.indexOfField;
import static cn.emcc.protocols.compat.ContractEdits.indexOfOneof;
import static cn.emcc.protocols.compat.ContractEdits.indexOfValue;
import static cn.emcc.protocols.compat.ContractEdits.removeField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard catches each way a careless edit of the .proto files breaks
 * deployed agencies, and lets the changes the contract is meant to grow by pass.
 * Every case edits a copy of the committed emcc.v1 snapshot.
 */
class CompatibilityCheckerTest {

    private static final FileDescriptorSet CONTRACT = ContractSnapshot.committed();
    private final CompatibilityChecker checker = new CompatibilityChecker();

    private List<String> breaks(FileDescriptorSet after) {
        return checker.breakingChanges(CONTRACT, after);
    }

    @Test
    void theContractIsCompatibleWithItself() {
        assertThat(breaks(CONTRACT)).isEmpty();
    }

    @Nested
    class Fields {

        @Test
        void removingAFieldWithoutReservingItIsCaught() {
            assertThat(breaks(removeField(CONTRACT, "FireAlarm", "location"))).containsExactly(
                    "emcc.v1.FireAlarm: field 3 'location' removed without `reserved 3; reserved \"location\";`");
        }

        @Test
        void reservingOnlyTheNumberIsNotEnough() {
            FileDescriptorSet after = editMessage(removeField(CONTRACT, "FireAlarm", "location"), "FireAlarm",
                    m -> m.addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(3).setEnd(4)));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.FireAlarm: field 3 'location' removed without `reserved \"location\";`");
        }

        @Test
        void reservingOnlyTheNameIsNotEnough() {
            FileDescriptorSet after = editMessage(removeField(CONTRACT, "FireAlarm", "location"), "FireAlarm",
                    m -> m.addReservedName("location"));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.FireAlarm: field 3 'location' removed without `reserved 3;`");
        }

        @Test
        void renumberingAFieldIsCaught() {
            FileDescriptorSet after = editField(CONTRACT, "FireAlarm", "description", f -> f.setNumber(15));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.FireAlarm: field 'description' renumbered from 5 to 15");
        }

        @Test
        void renamingAFieldIsCaught() {
            FileDescriptorSet after = editField(CONTRACT, "GeoPoint", "latitude", f -> f.setName("lat"));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.GeoPoint: field 2 'latitude' renamed to 'lat' (breaks JSON and generated code)");
        }

        @Test
        void changingAScalarTypeIsCaught() {
            FileDescriptorSet after = editField(CONTRACT, "Location", "address", f -> f.setType(Type.TYPE_BYTES));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.Location: field 2 'address' type changed from string to bytes");
        }

        @Test
        void changingTheMessageTypeOfAFieldIsCaught() {
            FileDescriptorSet after = editField(CONTRACT, "Envelope", "sender",
                    f -> f.setTypeName(".emcc.v1.Signature"));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.Envelope: field 2 'sender' type changed from emcc.v1.Sender to emcc.v1.Signature");
        }

        @Test
        void changingTheEnumTypeOfAFieldIsCaught() {
            FileDescriptorSet after = editField(CONTRACT, "DispatchOrder", "grade",
                    f -> f.setTypeName(".emcc.v1.Tier"));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.DispatchOrder: field 8 'grade' type changed from emcc.v1.Grade to emcc.v1.Tier");
        }

        @Test
        void changingTheValueTypeOfAMapIsCaughtInItsEntry() {
            FileDescriptorSet after = editMessage(CONTRACT, "NodeSummary", m -> {
                DescriptorProto.Builder entry = m.getNestedTypeBuilder(0);
                entry.getFieldBuilder(indexOfField(entry, "value")).setType(Type.TYPE_UINT64);
            });

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.NodeSummary.OpenIncidentsByGradeEntry: field 2 'value' type changed from uint32 to uint64");
        }

        @Test
        void makingASingularFieldRepeatedIsCaught() {
            FileDescriptorSet after = editField(CONTRACT, "PoliceReport", "description",
                    f -> f.setLabel(Label.LABEL_REPEATED));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.PoliceReport: field 5 'description' changed from singular to repeated");
        }

        @Test
        void makingARepeatedFieldSingularIsCaught() {
            FileDescriptorSet after = editField(CONTRACT, "WarningArea", "adcodes",
                    f -> f.setLabel(Label.LABEL_OPTIONAL));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.WarningArea: field 4 'adcodes' changed from repeated to singular");
        }

        @Test
        void movingAFieldIntoAOneofIsCaught() {
            FileDescriptorSet after = editMessage(CONTRACT, "TrafficCondition", m -> m
                    .getFieldBuilder(indexOfField(m, "road_name"))
                    .setOneofIndex(indexOfOneof(m, "extent")));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.TrafficCondition: field 3 'road_name' moved into oneof 'extent'");
        }

        @Test
        void movingAFieldOutOfAOneofIsCaught() {
            FileDescriptorSet after = editField(CONTRACT, "Envelope", "fire_alarm",
                    FieldDescriptorProto.Builder::clearOneofIndex);

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.Envelope: field 21 'fire_alarm' moved out of oneof 'payload'");
        }

        @Test
        void reusingAReservedNumberIsCaught() {
            FileDescriptorSet retired = editMessage(removeField(CONTRACT, "FireAlarm", "location"), "FireAlarm",
                    m -> m.addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(3).setEnd(4))
                            .addReservedName("location"));
            FileDescriptorSet reused = editMessage(retired, "FireAlarm", m -> m
                    .clearReservedRange()
                    .addField(FieldDescriptorProto.newBuilder().setName("place").setNumber(3)
                            .setLabel(Label.LABEL_OPTIONAL).setType(Type.TYPE_STRING)));

            assertThat(checker.breakingChanges(retired, reused)).containsExactly(
                    "emcc.v1.FireAlarm: field 3 'place' reuses reserved number 3",
                    "emcc.v1.FireAlarm: reserved number 3 no longer reserved");
        }
    }

    @Nested
    class Enums {

        @Test
        void renumberingAValueIsCaught() {
            FileDescriptorSet after = editEnum(CONTRACT, "Agency",
                    e -> e.getValueBuilder(indexOfValue(e, "AGENCY_FIRE")).setNumber(8));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.Agency: value 'AGENCY_FIRE' renumbered from 3 to 8");
        }

        @Test
        void removingAValueWithoutReservingItIsCaught() {
            FileDescriptorSet after = editEnum(CONTRACT, "Hazard",
                    e -> e.removeValue(indexOfValue(e, "HAZARD_HAZE")));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.Hazard: value 13 'HAZARD_HAZE' removed without `reserved 13; reserved \"HAZARD_HAZE\";`");
        }

        @Test
        void renamingAValueIsCaught() {
            FileDescriptorSet after = editEnum(CONTRACT, "Grade",
                    e -> e.getValueBuilder(indexOfValue(e, "GRADE_IV")).setName("GRADE_4"));

            assertThat(breaks(after)).containsExactly(
                    "emcc.v1.Grade: value 4 'GRADE_IV' renamed to 'GRADE_4' (breaks JSON and generated code)");
        }
    }

    @Nested
    class TypesAndFiles {

        @Test
        void removingAMessageIsCaught() {
            FileDescriptorSet after = editFile(CONTRACT, "emcc/v1/reports.proto", f -> f.removeMessageType(
                    f.getMessageTypeList().stream().map(DescriptorProto::getName).toList().indexOf("FireDetails")));

            assertThat(breaks(after)).containsExactly("emcc.v1.FireDetails: message removed");
        }

        @Test
        void removingAnEnumIsCaught() {
            FileDescriptorSet after = editFile(CONTRACT, "emcc/v1/reports.proto", f -> f.removeEnumType(
                    f.getEnumTypeList().stream().map(EnumDescriptorProto::getName).toList().indexOf("BuildingType")));

            assertThat(breaks(after)).containsExactly("emcc.v1.BuildingType: enum removed");
        }

        @Test
        void changingTheJavaPackageIsCaught() {
            FileDescriptorSet after = editFile(CONTRACT, "emcc/v1/units.proto",
                    f -> f.getOptionsBuilder().setJavaPackage("cn.emcc.units"));

            assertThat(breaks(after)).containsExactly(
                    "emcc/v1/units.proto: java_package changed from 'cn.emcc.protocols.v1' to 'cn.emcc.units'");
        }

        @Test
        void changingThePackageIsCaughtAndEveryTypeItMovedIsReported() {
            FileDescriptorSet after = editFile(CONTRACT, "emcc/v1/units.proto", f -> f.setPackage("emcc.v2"));

            assertThat(breaks(after)).containsExactlyInAnyOrder(
                    "emcc/v1/units.proto: package changed from 'emcc.v1' to 'emcc.v2'",
                    "emcc.v1.UnitPosition: message removed",
                    "emcc.v1.UnitStatusReport: message removed",
                    "emcc.v1.UnitStatus: enum removed");
        }
    }

    @Nested
    class ChangesThatAreAllowed {

        @Test
        void addingAFieldIsNotReported() {
            FileDescriptorSet after = editMessage(CONTRACT, "FireAlarm", m -> m.addField(FieldDescriptorProto
                    .newBuilder().setName("building_name").setNumber(8)
                    .setLabel(Label.LABEL_OPTIONAL).setType(Type.TYPE_STRING)));

            assertThat(breaks(after)).isEmpty();
        }

        @Test
        void addingAMessageIsNotReported() {
            FileDescriptorSet after = editFile(CONTRACT, "emcc/v1/reports.proto", f -> f.addMessageType(
                    DescriptorProto.newBuilder().setName("MedicalCall").addField(FieldDescriptorProto.newBuilder()
                            .setName("call_id").setNumber(1).setLabel(Label.LABEL_OPTIONAL).setType(Type.TYPE_STRING))));

            assertThat(breaks(after)).isEmpty();
        }

        @Test
        void addingAnEnumValueIsNotReported() {
            FileDescriptorSet after = editEnum(CONTRACT, "Agency", e -> e.addValue(
                    EnumValueDescriptorProto.newBuilder().setName("AGENCY_RAILWAY").setNumber(8)));

            assertThat(breaks(after)).isEmpty();
        }

        @Test
        void removingAFieldWithItsNumberAndNameReservedIsNotReported() {
            FileDescriptorSet after = editMessage(removeField(CONTRACT, "FireAlarm", "location"), "FireAlarm",
                    m -> m.addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(3).setEnd(4))
                            .addReservedName("location"));

            assertThat(breaks(after)).isEmpty();
        }

        @Test
        void removingAnEnumValueWithItsNumberAndNameReservedIsNotReported() {
            FileDescriptorSet after = editEnum(CONTRACT, "Hazard", e -> e
                    .removeValue(indexOfValue(e, "HAZARD_HAZE"))
                    .addReservedRange(EnumDescriptorProto.EnumReservedRange.newBuilder().setStart(13).setEnd(13))
                    .addReservedName("HAZARD_HAZE"));

            assertThat(breaks(after)).isEmpty();
        }

        @Test
        void givingAFieldExplicitPresenceIsNotReported() {
            // proto3 `optional` puts the field in a synthetic oneof; that is not a move into a real oneof.
            FileDescriptorSet after = editMessage(CONTRACT, "Location", m -> {
                m.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_adcode"));
                m.getFieldBuilder(indexOfField(m, "adcode"))
                        .setProto3Optional(true)
                        .setOneofIndex(m.getOneofDeclCount() - 1);
            });

            assertThat(breaks(after)).isEmpty();
        }
    }
}
