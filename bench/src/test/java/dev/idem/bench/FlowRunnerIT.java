package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlowRunnerIT {

  @Test
  void run_ordersPaidAfterReads_timesEachOrderOnce() throws Exception {
    try (FakeOrdersApi api = new FakeOrdersApi(3, 0)) {
      FlowRunner runner =
          new FlowRunner(
              new OrdersApi(api.url()),
              new FlowRunner.Settings(3, Duration.ofMillis(1), 0, Duration.ofSeconds(10)),
              "SKU-004");

      long[] flows = runner.run(10);

      assertThat(flows).hasSize(10).doesNotContain(0L);
      assertThat(api.orders()).isEqualTo(10);
      assertThat(api.posts()).isEqualTo(10);
    }
  }

  @Test
  void flow_orderNeverPaid_failsAtTheDeadline() {
    try (FakeOrdersApi api = new FakeOrdersApi(Integer.MAX_VALUE, 0)) {
      FlowRunner runner =
          new FlowRunner(
              new OrdersApi(api.url()),
              new FlowRunner.Settings(1, Duration.ofMillis(5), 0, Duration.ofMillis(100)),
              "SKU-004");

      org.assertj.core.api.Assertions.assertThatThrownBy(runner::flow)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PLACED");
    }
  }
}
