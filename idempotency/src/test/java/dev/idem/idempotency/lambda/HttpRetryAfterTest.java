package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A 409's Retry-After: the holder's remaining lease, at most the cap, at least one second. */
class HttpRetryAfterTest {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

  @ParameterizedTest(name = "lease {0} ms, cap {1} s: Retry-After {2}")
  @CsvSource({
    "30000, 2, 2", // a long lease: the cap
    "600000, 2, 2", // a 10-minute Lambda timeout: still the cap, not 600
    "30000, 5, 5", // a configured cap
    "4200, 10, 5", // the lease, rounded up, when it is shorter than the cap
    "1500, 2, 2",
    "300, 2, 1" // never under one second
  })
  void handle_sameKeyStillRunning_retryAfterIsTheLeaseBoundedByTheCap(
      int leaseMillis, int capSeconds, String retryAfter) {
    var http =
        HttpIdempotency.restApiBuilder(Fixtures.idempotency(store))
            .retryAfterCap(Duration.ofSeconds(capSeconds))
            .build();
    APIGatewayProxyResponseEvent[] concurrent = new APIGatewayProxyResponseEvent[1];

    http.handle(
        Fixtures.restRequest(),
        new TestLambdaContext(Duration.ofMillis(leaseMillis)),
        request -> {
          concurrent[0] =
              http.handle(
                  Fixtures.restRequest(), TestLambdaContext.thirtySecondsLeft(), this::created);
          return created(request);
        });

    assertThat(concurrent[0].getStatusCode()).isEqualTo(409);
    assertThat(concurrent[0].getHeaders()).containsEntry("Retry-After", retryAfter);
    assertThat(concurrent[0].getBody()).contains("retry after " + retryAfter + " s");
  }

  @ParameterizedTest
  @CsvSource({"PT0.5S", "PT0S", "PT-1S"})
  void build_capUnderOneSecond_throwsNamingTheSetting(Duration cap) {
    assertThatThrownBy(() ->
            HttpIdempotency.httpApiBuilder(Fixtures.idempotency(store)).retryAfterCap(cap).build())
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining("retryAfterCap");
  }

  private APIGatewayProxyResponseEvent created(APIGatewayProxyRequestEvent request) {
    return new APIGatewayProxyResponseEvent().withStatusCode(201).withBody("{}");
  }
}
