package cn.emcc.bench.ingest;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestSettingsTest {

    @Test
    void defaults_are_8_connections_of_64_and_20000_reports_after_2000() {
        IngestSettings s = IngestSettings.fromEnvironment(Map.of());
        assertThat(s.connections()).isEqualTo(8);
        assertThat(s.inFlight()).isEqualTo(512);
        assertThat(s.reports()).isEqualTo(20_000);
        assertThat(s.warmupReports()).isEqualTo(2_000);
        assertThat(s.counties()).isEqualTo(136);
    }

    @Test
    void the_environment_overrides_them() {
        IngestSettings s = IngestSettings.fromEnvironment(Map.of("BENCH_CONNECTIONS", "4", "BENCH_IN_FLIGHT", "16",
                "BENCH_REPORTS", "500", "BENCH_WARMUP_REPORTS", "0", "BENCH_COUNTIES", "1"));
        assertThat(s.counties()).isEqualTo(1);
        assertThat(s.inFlight()).isEqualTo(64);
        assertThat(s.reports()).isEqualTo(500);
        assertThat(s.warmupReports()).isZero();
    }

    @Test
    void one_connection_cannot_carry_police_and_fire() {
        assertThatThrownBy(() -> IngestSettings.fromEnvironment(Map.of("BENCH_CONNECTIONS", "1")))
                .hasMessageContaining("BENCH_CONNECTIONS='1'");
        assertThatThrownBy(() -> IngestSettings.fromEnvironment(Map.of("BENCH_REPORTS", "many")))
                .hasMessageContaining("BENCH_REPORTS='many'");
        assertThatThrownBy(() -> IngestSettings.fromEnvironment(Map.of("BENCH_COUNTIES", "137")))
                .hasMessageContaining("counties is 137");
    }
}
