package dev.idem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class StubProviderTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void get_afterPosts_listsWhatWasPostedToThatPathOnly() throws Exception {
    try (StubProvider provider = StubProvider.start("pay")) {
      post(provider, "/charges", "k-1", "{\"amount\":1,\"note\":\"a \\\"quoted\\\" word\"}");
      post(provider, "/refunds", "k-2", "{}");

      HttpResponse<String> listing =
          http.send(
              HttpRequest.newBuilder(provider.url().resolve("/charges")).GET().build(),
              HttpResponse.BodyHandlers.ofString());

      JsonNode charges = new ObjectMapper().readTree(listing.body());
      assertThat(listing.statusCode()).isEqualTo(200);
      assertThat(charges).hasSize(1);
      assertThat(charges.get(0).get("idempotencyKey").asText()).isEqualTo("k-1");
      assertThat(
              new ObjectMapper().readTree(charges.get(0).get("body").asText()).get("note").asText())
          .isEqualTo("a \"quoted\" word");
      assertThat(provider.requests()).hasSize(2);
    }
  }

  private void post(StubProvider provider, String path, String key, String body) throws Exception {
    http.send(
        HttpRequest.newBuilder(provider.url().resolve(path))
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
