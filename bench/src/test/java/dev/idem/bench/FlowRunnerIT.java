package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlowRunnerIT {

  @Test
  void run_ordersPaidThenFulfilledAfterReads_timesEachOrderOnceToBoth() throws Exception {
    try (FakeOrdersApi api = new FakeOrdersApi(3, 0)) {
      FlowRunner runner =
          new FlowRunner(
              new OrdersApi(api.url()),
              new FlowRunner.Settings(3, Duration.ofMillis(1), Duration.ofSeconds(10)),
              "SKU-004");

      FlowRunner.Flows flows = runner.run(10);

      assertThat(flows.paid()).hasSize(10).doesNotContain(0L);
      assertThat(flows.fulfilled()).hasSize(10);
      for (int i = 0; i < 10; i++) {
        // Fulfilled one read (a 1 ms pause at least) after paid.
        assertThat(flows.fulfilled()[i]).isGreaterThan(flows.paid()[i] + 1_000_000);
      }
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
              new FlowRunner.Settings(1, Duration.ofMillis(5), Duration.ofMillis(100)),
              "SKU-004");

      org.assertj.core.api.Assertions.assertThatThrownBy(runner::flow)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PLACED");
    }
  }
}
