package cn.emcc.bench.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A small run of the real thing: a node on H2, two agency connections, the floor beside it. */
class IngestCaseTest {

    @Test
    void a_small_h2_run_acknowledges_every_report_and_asks_the_floor_as_often() throws Exception {
        IngestCase.Comparison c = IngestCase.h2().compare(new IngestSettings(2, 8, 300, 50, 136, 0.10, 1L));

        assertThat(c.ours().answered()).isEqualTo(300);
        assertThat(c.peer().answered()).isEqualTo(300);
        assertThat(c.secondCallers()).isPositive();
        // Second callers joined incidents, so fewer incidents than reports; the floor used as many entities.
        assertThat(c.ours().distinctEntities()).isLessThanOrEqualTo(300 - c.secondCallers());
        assertThat(c.peer().distinctEntities()).isEqualTo(c.ours().distinctEntities());
        assertThat(c.ours().inFlight()).isEqualTo(16);
        assertThat(c.ours().p99Millis()).isGreaterThanOrEqualTo(c.ours().p50Millis());
    }
}
