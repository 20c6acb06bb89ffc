package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadClientsIT {

  @Test
  void run_throttledAtFirst_retriesTheKeyAndCountsEachAnswer() throws Exception {
    try (FakeOrdersApi api = new FakeOrdersApi(1, 5)) {
      LoadClients.Result result =
          new LoadClients(new OrdersApi(api.url())).run(10, Duration.ofSeconds(2));

      int accepted = result.accepted().size();
      assertThat(accepted).isPositive().isEqualTo(api.orders());
      assertThat(result.throttled()).isEqualTo(Math.min(5, api.posts()));
      assertThat(api.posts()).isEqualTo(accepted + result.retries() + result.throttled());
      assertThat(result.retries()).isPositive();
      assertThat(result.retryMismatches()).isZero();
      assertThat(result.createdLatenciesNanos()).hasSize(accepted + (int) result.retries());
      assertThat(result.otherAnswers()).isEmpty();
    }
  }
}
