package cn.emcc.bench.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    @Test
    void percentiles_are_nearest_rank_over_what_was_recorded() {
        Latencies l = new Latencies(200);
        for (int ms = 100; ms >= 1; ms--) {
            l.record(ms * 1_000_000L);
        }

        assertThat(l.count()).isEqualTo(100);
        assertThat(l.percentileMillis(50)).isEqualTo(50.0);
        assertThat(l.percentileMillis(99)).isEqualTo(99.0);
        assertThat(l.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void nothing_recorded_has_no_percentile_and_more_than_planned_is_an_error() {
        Latencies l = new Latencies(1);
        assertThat(l.percentileMillis(50)).isNaN();
        l.record(5);
        assertThatThrownBy(() -> l.record(6)).hasMessageContaining("answered twice");
    }
}
