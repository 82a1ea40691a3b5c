package cn.emcc.protocols.v1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the golden binary fixtures from {@link cn.emcc.protocols.SampleMessages}.
 * Run by hand, and only when the contract grows (a new payload kind or a new
 * field the samples should carry): the committed files are what an older
 * emcc put on the wire, and {@link GoldenFixturesTest} fails when today's code
 * reads them differently. Never regenerate them to make that test pass.
 *
 * <p>From the worktree root:
 * {@code ./mvnw -q -pl protocols test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=cn.emcc.protocols.v1.GoldenFixtureWriter -Dexec.args=protocols/src/test/resources/golden}
 */
public final class GoldenFixtureWriter {

    private GoldenFixtureWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/" + GoldenFixtures.RESOURCE_DIR);
        Files.createDirectories(dir);
        for (Map.Entry<String, Envelope> fixture : GoldenFixtures.expected().entrySet()) {
            Path file = dir.resolve(fixture.getKey());
            Files.write(file, fixture.getValue().toByteArray());
            System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
        }
    }
}
