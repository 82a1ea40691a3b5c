package cn.emcc.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JmhSettingsTest {

    @Test
    void withoutEnvironmentTheShortDefaultsApply() {
        JmhSettings settings = JmhSettings.fromEnvironment(Map.of());

        assertThat(settings).isEqualTo(new JmhSettings(1, 2, 1, 3, 1, JmhSettings.DEFAULT_JVM_ARGS));
    }

    @Test
    void theHeadlineFigureWarmsUpFourTimesAsLongAndMeasuresTwiceMore() {
        JmhSettings settings = new JmhSettings(2, 3, 4, 5, 6, JmhSettings.DEFAULT_JVM_ARGS);

        assertThat(settings.headline()).isEqualTo(new JmhSettings(2, 6, 8, 7, 6, JmhSettings.DEFAULT_JVM_ARGS));
    }

    @Test
    void theEnvironmentOverridesEachSettingAndAddsJvmArguments() {
        JmhSettings settings = JmhSettings.fromEnvironment(Map.of(
                "BENCH_FORKS", "3", "BENCH_WARMUP_ITERATIONS", "5", "BENCH_WARMUP_SECONDS", "10",
                "BENCH_ITERATIONS", "10", "BENCH_ITERATION_SECONDS", " 4 ", "BENCH_JVM_ARGS", "-XX:+UseParallelGC -Xss1m"));

        assertThat(settings.forks()).isEqualTo(3);
        assertThat(settings.warmupIterations()).isEqualTo(5);
        assertThat(settings.warmupSeconds()).isEqualTo(10);
        assertThat(settings.iterations()).isEqualTo(10);
        assertThat(settings.iterationSeconds()).isEqualTo(4);
        assertThat(settings.jvmArgs()).endsWith("-XX:+UseParallelGC", "-Xss1m")
                .contains("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
    }

    @Test
    void aSettingThatIsNotAPositiveNumberIsRefusedByName() {
        assertThatThrownBy(() -> JmhSettings.fromEnvironment(Map.of("BENCH_ITERATIONS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BENCH_ITERATIONS='0': expected a whole number > 0");
        assertThatThrownBy(() -> JmhSettings.fromEnvironment(Map.of("BENCH_FORKS", "two")))
                .hasMessage("BENCH_FORKS='two': expected a whole number > 0");
    }
}
