package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadClientsIT {

  @Test
  void run_throttledAtFirst_retriesTheKeyAndCountsEachAnswer() throws Exception {
    try (FakeOrdersApi api = new FakeOrdersApi(1, 5)) {
      // 20 clients, 3 orders each; clients 0 and 10 send each order a second time. The duration is
      // only a deadline: the run ends when every client has its three orders.
      LoadClients.Result result =
          new LoadClients(new OrdersApi(api.url())).run(20, Duration.ofSeconds(60), 3);

      assertThat(result.accepted()).hasSize(60);
      assertThat(api.orders()).isEqualTo(60);
      assertThat(result.retries()).isEqualTo(6);
      assertThat(result.retryMismatches()).isZero();
      assertThat(result.throttled()).isEqualTo(5);
      assertThat(api.posts()).isEqualTo(60 + 6 + 5);
      assertThat(result.createdLatenciesNanos()).hasSize(66);
      assertThat(result.otherAnswers()).isEmpty();
    }
  }

  @Test
  void run_timeUp_stopsWithWhatWasAccepted() throws Exception {
    try (FakeOrdersApi api = new FakeOrdersApi(1, Integer.MAX_VALUE)) {
      LoadClients.Result result =
          new LoadClients(new OrdersApi(api.url())).run(2, Duration.ofMillis(300));

      assertThat(result.accepted()).isEmpty();
      assertThat(result.throttled()).isEqualTo(api.posts());
    }
  }
}
