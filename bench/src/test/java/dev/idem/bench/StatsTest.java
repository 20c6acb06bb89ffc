package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void median_oddCount_returnsMiddleOfSorted() {
    assertThat(Stats.median(5, 1, 3)).isEqualTo(3);
  }

  @Test
  void median_evenCount_returnsMeanOfMiddlePair() {
    assertThat(Stats.median(4, 1, 3, 10)).isEqualTo(3.5);
  }

  @Test
  void median_noValues_throws() {
    assertThatThrownBy(Stats::median).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void median_input_isNotReordered() {
    double[] values = {3, 1, 2};

    Stats.median(values);

    assertThat(values).containsExactly(3, 1, 2);
  }

  @Test
  void percentile_fifty_returnsNearestRank() {
    assertThat(Stats.percentile(new long[] {40, 10, 30, 20}, 50)).isEqualTo(20);
  }

  @Test
  void percentile_hundred_returnsMaximum() {
    assertThat(Stats.percentile(new long[] {40, 10, 30, 20}, 100)).isEqualTo(40);
  }

  @Test
  void percentile_zeroPercent_throws() {
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void round_halfway_roundsUp() {
    assertThat(Stats.round(0.335, 2)).isEqualTo(0.34);
    assertThat(Stats.round(0.3349, 2)).isEqualTo(0.33);
  }
}
