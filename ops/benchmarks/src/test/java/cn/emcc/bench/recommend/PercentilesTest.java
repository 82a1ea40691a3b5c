package cn.emcc.bench.recommend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void nearestRank() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // 100 down to 1
        }
        Percentiles p = new Percentiles(samples, 100);
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(new Percentiles(new long[]{7, 3, 5}, 3).at(50)).isEqualTo(5);
    }
}
