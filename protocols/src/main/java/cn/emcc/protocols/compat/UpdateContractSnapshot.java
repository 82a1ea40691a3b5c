package cn.emcc.protocols.compat;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the current contract as the committed snapshot, after a deliberate,
 * compatible change (run through {@code ops/proto-snapshot}). It refuses to
 * record a breaking change unless told {@code --accept-breaking}, so the
 * snapshot cannot quietly follow a break that the build would otherwise catch.
 *
 * <p>Usage: {@code UpdateContractSnapshot [--accept-breaking] [directory]};
 * the directory defaults to {@code protocols/src/main/resources/emcc/v1} under
 * the working directory.
 */
public final class UpdateContractSnapshot {

    private UpdateContractSnapshot() {
    }

    public static void main(String[] args) throws IOException {
        boolean acceptBreaking = false;
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--accept-breaking")) {
                acceptBreaking = true;
            } else {
                rest.add(arg);
            }
        }
        if (rest.size() > 1) {
            System.err.println("usage: UpdateContractSnapshot [--accept-breaking] [directory]; got " + rest);
            System.exit(2);
        }
        Path directory = rest.isEmpty() ? ContractSnapshot.SOURCE_DIRECTORY : Path.of(rest.get(0));
        System.exit(update(directory, acceptBreaking) ? 0 : 1);
    }

    /** Returns false, writing nothing, when the change is breaking and not accepted. */
    static boolean update(Path directory, boolean acceptBreaking) throws IOException {
        FileDescriptorSet current = ContractSnapshot.current();
        Path existing = directory.resolve(ContractSnapshot.BINARY_FILE);
        if (Files.exists(existing)) {
            FileDescriptorSet previous = ContractSnapshot.read(existing);
            if (previous.equals(current)) {
                System.out.println("contract unchanged; " + existing + " is up to date");
                return true;
            }
            List<String> breaks = new CompatibilityChecker().breakingChanges(previous, current);
            if (!breaks.isEmpty()) {
                System.err.println("the contract breaks the committed snapshot " + existing + ":");
                breaks.forEach(b -> System.err.println("  " + b));
                if (!acceptBreaking) {
                    System.err.println("snapshot NOT updated. Fix the .proto files (reserve what you removed), "
                            + "or rerun with --accept-breaking if every connected agency is upgraded in step.");
                    return false;
                }
                System.err.println("--accept-breaking given: recording the break");
            }
        } else {
            System.out.println("no snapshot at " + existing + " yet; recording the first one");
        }
        for (Path written : ContractSnapshot.write(current, directory)) {
            System.out.println("wrote " + written);
        }
        return true;
    }
}
