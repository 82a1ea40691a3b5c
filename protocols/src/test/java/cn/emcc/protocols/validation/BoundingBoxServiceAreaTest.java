package cn.emcc.protocols.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundingBoxServiceAreaTest {

    private final ServiceArea shandong = BoundingBoxServiceArea.shandong();

    @Test
    void containsTheCitiesOfShandong() {
        assertThat(shandong.contains(117.00, 36.65)).as("Jinan").isTrue();
        assertThat(shandong.contains(120.38, 36.07)).as("Qingdao").isTrue();
        assertThat(shandong.contains(121.45, 37.46)).as("Yantai").isTrue();
        assertThat(shandong.contains(115.48, 35.23)).as("Heze").isTrue();
        assertThat(shandong.contains(118.67, 37.43)).as("Dongying").isTrue();
    }

    @Test
    void doesNotContainOtherProvincesOrNullIsland() {
        assertThat(shandong.contains(116.40, 39.90)).as("Beijing").isFalse();
        assertThat(shandong.contains(121.47, 31.23)).as("Shanghai").isFalse();
        assertThat(shandong.contains(113.62, 34.75)).as("Zhengzhou").isFalse();
        assertThat(shandong.contains(0, 0)).as("0/0").isFalse();
        assertThat(shandong.contains(36.65, 117.00)).as("Jinan with lon and lat swapped").isFalse();
    }

    @Test
    void theToleranceReachesJustPastTheBorder() {
        // The easternmost vertex is 122.710972 E; the tolerance is 0.05°.
        assertThat(shandong.contains(122.75, 37.40)).isTrue();
        assertThat(shandong.contains(122.77, 37.40)).isFalse();
    }

    @Test
    void nanIsNeverContained() {
        assertThat(shandong.contains(Double.NaN, 36.65)).isFalse();
        assertThat(shandong.contains(117.0, Double.NaN)).isFalse();
    }

    @Test
    void describesItsExtentForReasons() {
        assertThat(shandong.describe()).isEqualTo("Shandong (114.81..122.71 E, 34.38..38.40 N) ± 0.05°");
    }

    @Test
    void refusesAnEmptyOrImpossibleBox() {
        assertThatThrownBy(() -> new BoundingBoxServiceArea("x", 10, 10, 5, 20, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new BoundingBoxServiceArea("x", 0, 0, 10, 95, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLat is 95.0");
        assertThatThrownBy(() -> new BoundingBoxServiceArea("x", 0, 0, 10, 10, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toleranceDegrees");
    }
}
