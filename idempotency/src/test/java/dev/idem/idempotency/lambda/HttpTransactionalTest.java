package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.Outcomes;
import dev.idem.idempotency.TransactionWrites;
import dev.idem.idempotency.spi.WriteRejectedException;
import dev.idem.testing.TestLambdaContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

/** HttpIdempotency's transactional completion: claim, run, then writes and response together. */
class HttpTransactionalTest {

  private final TransactionalMemoryStore store = new TransactionalMemoryStore();
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final AtomicInteger runs = new AtomicInteger();
  private final HttpIdempotency<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> rest =
      HttpIdempotency.restApi(Fixtures.idempotency(store));

  @Test
  void handleTransactional_repeatedRequest_commitsOnceAndReplaysWithTheHeader() {
    Outcome<APIGatewayProxyResponseEvent> first =
        rest.handleTransactional(Fixtures.restRequest(), context, this::created);
    Outcome<APIGatewayProxyResponseEvent> again =
        rest.handleTransactional(Fixtures.restRequest(), context, this::created);

    assertThat(Outcomes.done(first).getStatusCode()).isEqualTo(201);
    assertThat(first).isEqualTo(new Outcome.Done<>(Outcomes.done(first), false));
    assertThat(Outcomes.done(again).getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(Outcomes.done(again).getBody()).isEqualTo(Outcomes.done(first).getBody());
    assertThat(again).extracting(o -> ((Outcome.Done<?>) o).replayed()).isEqualTo(true);
    assertThat(runs).hasValue(1);
    assertThat(store.committed()).hasSize(1);
  }

  @Test
  void handleTransactional_writeRejected_returnsTheRejectionAndReleasesTheKey() {
    store.failNextTransaction(
        new WriteRejectedException(0, Map.of("pk", AttributeValue.fromS("o-1"))));

    Outcome<APIGatewayProxyResponseEvent> rejected =
        rest.handleTransactional(Fixtures.restRequest(), context, this::created);
    Outcome<APIGatewayProxyResponseEvent> retried =
        rest.handleTransactional(Fixtures.restRequest(), context, this::created);

    assertThat(Outcomes.rejected(rejected).item()).containsKey("pk");
    assertThat(Outcomes.done(retried).getStatusCode()).isEqualTo(201);
    assertThat(runs).hasValue(2);
    assertThat(store.committed()).hasSize(1);
  }

  @Test
  void handleTransactional_httpApiMissingKey_returns400WithoutRunning() {
    var httpApi =
        HttpIdempotency.httpApiBuilder(Fixtures.idempotency(store)).keyRequired(false).build();
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();
    request.setHeaders(Map.of());

    APIGatewayV2HTTPResponse response =
        Outcomes.done(
            httpApi.handleTransactional(
                request,
                context,
                (r, writes) -> {
                  runs.incrementAndGet();
                  return APIGatewayV2HTTPResponse.builder().withStatusCode(201).build();
                }));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(runs).hasValue(0);
  }

  private APIGatewayProxyResponseEvent created(
      APIGatewayProxyRequestEvent request, TransactionWrites writes) {
    runs.incrementAndGet();
    writes.put(
        Put.builder().tableName("orders").item(Map.of("pk", AttributeValue.fromS("o-1"))).build());
    return new APIGatewayProxyResponseEvent().withStatusCode(201).withBody("{\"orderId\":\"o-1\"}");
  }
}
