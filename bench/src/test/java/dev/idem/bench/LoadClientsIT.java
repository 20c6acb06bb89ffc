package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadClientsIT {

  @Test
  void run_throttledAtFirst_retriesTheKeyAndCountsEachAnswer() throws Exception {
    try (FakeOrdersApi api = new FakeOrdersApi(1, 5)) {
      LoadClients.Result result =
          new LoadClients(new OrdersApi(api.url())).run(10, Duration.ofMillis(300));

      assertThat(result.throttled()).isEqualTo(5);
      assertThat(result.accepted()).isNotEmpty().hasSize(api.orders());
      assertThat(result.retries()).isPositive();
      assertThat(result.retryMismatches()).isZero();
      assertThat(result.createdLatenciesNanos())
          .hasSize(result.accepted().size() + (int) result.retries());
      assertThat(api.posts()).isEqualTo(result.accepted().size() + (int) result.retries() + 5);
      assertThat(result.otherAnswers()).isEmpty();
    }
  }
}
