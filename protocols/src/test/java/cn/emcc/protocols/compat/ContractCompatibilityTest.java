package cn.emcc.protocols.compat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's guard: the contract compiled now must not break the committed
 * snapshot, which is what deployed agencies were built against.
 */
class ContractCompatibilityTest {

    @Test
    void theContractDoesNotBreakTheCommittedSnapshot() {
        List<String> breaks = new CompatibilityChecker()
                .breakingChanges(ContractSnapshot.committed(), ContractSnapshot.current());

        assertThat(breaks)
                .withFailMessage(() -> "the emcc.v1 contract breaks agencies built against the committed snapshot "
                        + "(protocols/src/main/resources/" + ContractSnapshot.RESOURCE + "):\n  "
                        + String.join("\n  ", breaks)
                        + "\nRestore what was removed or changed, or retire it with `reserved`; "
                        + "see docs/protocol/compatibility.md.")
                .isEmpty();
    }

    // Without this a compatible addition would never reach the snapshot, and its
    // later removal would slip through the guard above.
    @Test
    void theCommittedSnapshotRecordsEveryCompatibleChange() {
        FileDescriptorSet committed = ContractSnapshot.committed();
        FileDescriptorSet current = ContractSnapshot.current();
        Map<String, FileDescriptorProto> recorded = byName(committed);
        List<String> changedFiles = current.getFileList().stream()
                .filter(file -> !file.equals(recorded.get(file.getName())))
                .map(FileDescriptorProto::getName)
                .toList();

        assertThat(current)
                .withFailMessage(() -> "the emcc.v1 contract differs from the committed snapshot (files: "
                        + (changedFiles.isEmpty() ? "order or removed files" : changedFiles)
                        + "). Once the change is compatible, run ops/proto-snapshot and commit "
                        + "contract-snapshot.binpb and .txt with it.")
                .isEqualTo(committed);
    }

    private static Map<String, FileDescriptorProto> byName(FileDescriptorSet set) {
        return set.getFileList().stream()
                .collect(Collectors.toMap(FileDescriptorProto::getName, Function.identity()));
    }
}
