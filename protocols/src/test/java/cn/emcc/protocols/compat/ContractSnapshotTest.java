package cn.emcc.protocols.compat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.TextFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ContractSnapshotTest {

    @Test
    void theCurrentContractHoldsEveryProtoFileOfThePackageAndNothingElse() throws IOException {
        Path sources = Path.of("src", "main", "proto");
        List<String> protoFiles;
        try (Stream<Path> files = Files.walk(sources.resolve("emcc").resolve("v1"))) {
            protoFiles = files.filter(p -> p.toString().endsWith(".proto"))
                    .map(p -> sources.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }

        assertThat(ContractSnapshot.current().getFileList())
                .extracting(FileDescriptorProto::getName)
                .containsExactlyInAnyOrderElementsOf(protoFiles);
    }

    @Test
    void everyFileComesAfterTheFilesItImports() {
        Set<String> seen = new HashSet<>();
        for (FileDescriptorProto file : ContractSnapshot.current().getFileList()) {
            List<String> emccImports = new ArrayList<>(file.getDependencyList());
            emccImports.removeIf(d -> !d.startsWith("emcc/"));
            assertThat(seen).as("files before %s", file.getName()).containsAll(emccImports);
            seen.add(file.getName());
        }
    }

    @Test
    void writtenSnapshotReadsBackAsTheSameContractInBothForms(@TempDir Path dir) throws IOException {
        FileDescriptorSet current = ContractSnapshot.current();

        List<Path> written = ContractSnapshot.write(current, dir);

        assertThat(written).containsExactly(dir.resolve("contract-snapshot.binpb"), dir.resolve("contract-snapshot.txt"));
        assertThat(ContractSnapshot.read(written.get(0))).isEqualTo(current);
        FileDescriptorSet.Builder fromText = FileDescriptorSet.newBuilder();
        TextFormat.merge(Files.readString(written.get(1)), fromText);
        assertThat(fromText.build()).isEqualTo(current);
    }

    @Test
    void theUpdaterRecordsACompatibleChange(@TempDir Path dir) throws IOException {
        FileDescriptorSet older = ContractEdits.removeField(ContractSnapshot.current(), "FireAlarm", "fire");
        ContractSnapshot.write(older, dir);

        assertThat(UpdateContractSnapshot.update(dir, false)).isTrue();

        assertThat(ContractSnapshot.read(dir.resolve("contract-snapshot.binpb"))).isEqualTo(ContractSnapshot.current());
    }

    @Test
    void theUpdaterRefusesToRecordABreakUnlessTold(@TempDir Path dir) throws IOException {
        // In the snapshot the field has another number: recording the current contract would renumber it.
        FileDescriptorSet renumbered = ContractEdits.editField(ContractSnapshot.current(), "FireAlarm",
                "description", f -> f.setNumber(15));
        ContractSnapshot.write(renumbered, dir);
        Path binary = dir.resolve("contract-snapshot.binpb");

        assertThat(UpdateContractSnapshot.update(dir, false)).isFalse();
        assertThat(ContractSnapshot.read(binary)).isEqualTo(renumbered);

        assertThat(UpdateContractSnapshot.update(dir, true)).isTrue();
        assertThat(ContractSnapshot.read(binary)).isEqualTo(ContractSnapshot.current());
    }
}
