package dev.idem.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.testing.StubProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderClientTest {

  private final StubProvider provider = StubProvider.start("pay");
  private final ProviderClient client = new ProviderClient(provider.url(), Duration.ofMillis(500));

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void post_providerAnswers_returnsAnswerAndSendsKey() {
    ProviderClient.ProviderResponse response = client.post("/charges", "key-1", "{\"amount\":1}");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{\"id\":\"pay_1\"}");
    assertThat(provider.requests())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.path()).isEqualTo("/charges");
          assertThat(r.idempotencyKey()).isEqualTo("key-1");
          assertThat(r.body()).isEqualTo("{\"amount\":1}");
        });
  }

  @Test
  void post_provider4xx_returnsAnswer() {
    provider.answerNext(1, 402, "{\"reason\":\"card_declined\"}");

    ProviderClient.ProviderResponse response = client.post("/charges", "key-2", "{}");

    assertThat(response.status()).isEqualTo(402);
    assertThat(response.body()).isEqualTo("{\"reason\":\"card_declined\"}");
  }

  @Test
  void post_manyCalls_eachReachesTheProviderOnce() {
    for (int i = 0; i < 20; i++) {
      assertThat(client.post("/charges", "key-many-" + i, "{}").status()).isEqualTo(201);
    }

    assertThat(provider.requests()).hasSize(20);
  }

  @Test
  void post_provider5xx_unavailable() {
    provider.failNext(1, 503);

    assertThatThrownBy(() -> client.post("/charges", "key-3", "{}"))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("503");
  }

  @Test
  void post_providerTooSlow_unavailableAfterTimeout() {
    provider.delayNext(1, Duration.ofSeconds(5));

    assertThatThrownBy(() -> client.post("/charges", "key-4", "{}"))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("timed out");
    // The connection that timed out is not reused: the next call gets its own answer.
    assertThat(client.post("/charges", "key-4b", "{}").status()).isEqualTo(201);
  }

  @Test
  void post_providerDown_unavailable() {
    provider.close();

    assertThatThrownBy(() -> client.post("/charges", "key-5", "{}"))
        .isInstanceOf(ProviderUnavailableException.class);
  }
}
