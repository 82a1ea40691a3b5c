package cn.emcc.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarksTest {

    @Test
    void namesAreUniqueAndUsableOnTheCommandLine() {
        assertThat(Benchmarks.ALL).extracting(BenchmarkCase::name)
                .doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z][a-z0-9-]*"), "lower-case words joined by '-'")
                .doesNotContain("all");
    }

    @Test
    void theProtocolBenchmarksAreRegistered() {
        assertThat(Benchmarks.named("protocol")).isPresent();
        assertThat(Benchmarks.named("protocol-encode")).isPresent();
        assertThat(Benchmarks.named("recommend")).isPresent();
        assertThat(Benchmarks.named("no-such-benchmark")).isEmpty();
    }

    @Test
    void theIngestBenchmarksAreRegistered() {
        assertThat(Benchmarks.named("ingest-h2")).isPresent();
        assertThat(Benchmarks.named("ingest-cassandra")).isPresent();
    }
}
