package cn.emcc.protocols.v1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes the committed golden files and compares them with the same
 * messages built in code today. A renumbered field, a changed type or a
 * renamed enum number makes the decoded message differ (or carry unknown
 * fields) and fails here.
 */
class GoldenFixturesTest {

    static Stream<String> fixtureNames() {
        return GoldenFixtures.expected().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void committedBytesDecodeToTheMessageBuiltInCode(String fileName) throws IOException {
        Envelope expected = GoldenFixtures.expected().get(fileName);

        Envelope decoded = Envelope.parseFrom(read(fileName));

        assertThat(decoded.getUnknownFields().asMap()).isEmpty();
        assertThat(decoded).isEqualTo(expected);
    }

    @Test
    void thereIsAGoldenFileForEveryPayloadKind() {
        Map<String, Envelope> expected = GoldenFixtures.expected();

        assertThat(expected.keySet()).hasSize(Envelope.PayloadCase.values().length - 1);
        assertThat(expected.keySet()).containsAll(Set.of("police_report.binpb", "order_progress.binpb"));
        for (String name : expected.keySet()) {
            assertThat(getClass().getClassLoader().getResource(GoldenFixtures.RESOURCE_DIR + "/" + name))
                    .as(name).isNotNull();
        }
    }

    private byte[] read(String fileName) throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream(GoldenFixtures.RESOURCE_DIR + "/" + fileName)) {
            assertThat(in).as("golden/" + fileName + " on the test classpath").isNotNull();
            return in.readAllBytes();
        }
    }
}
