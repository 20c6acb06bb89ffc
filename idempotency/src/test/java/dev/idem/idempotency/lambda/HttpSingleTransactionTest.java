package dev.idem.idempotency.lambda;

import static dev.idem.idempotency.lambda.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.idem.idempotency.IdempotencyStoreException;
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

/** The HTTP semantics in single-transaction mode: the handler's writes land with the record. */
class HttpSingleTransactionTest {

  private final TransactionalMemoryStore store = new TransactionalMemoryStore();
  private final BothFormats http = BothFormats.of(Fixtures.idempotency(store));
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void handleInSingleTransaction_firstRequest_commitsTheWritesWithTheRecord() {
    APIGatewayProxyResponseEvent response =
        http.handleInSingleTransaction(Fixtures.restRequest(), context, this::created);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getBody()).isEqualTo("{\"run\":1}");
    assertThat(response.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(store.committed()).hasSize(1);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void handleInSingleTransaction_repeatedRequest_replaysAndTheDuplicateWritesNothing() {
    http.handleInSingleTransaction(Fixtures.restRequest(), context, this::created);

    APIGatewayProxyResponseEvent replay =
        http.handleInSingleTransaction(Fixtures.restRequest(), context, this::created);

    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getBody()).isEqualTo("{\"run\":1}");
    assertThat(replay.getHeaders())
        .containsEntry("Location", "/orders/o-1")
        .containsEntry("Idempotent-Replayed", "true");
    assertThat(store.committed()).hasSize(1);
  }

  @Test
  void handleInSingleTransaction_missingKeyEvenWhenNotRequired_returns400WithoutRunning() {
    BothFormats optional =
        BothFormats.configured(Fixtures.idempotency(store), b -> b.keyRequired(false));
    APIGatewayProxyRequestEvent request = Fixtures.restRequest().withHeaders(Map.of());
    request.setMultiValueHeaders(null);

    APIGatewayProxyResponseEvent response =
        optional.handleInSingleTransaction(request, context, this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        400,
        "idempotency-key-missing");
    assertThat(runs).hasValue(0);
    assertThat(store.size()).isZero();
  }

  @Test
  void handleInSingleTransaction_sameKeyWithAnotherBody_returns422AndWritesNothing() {
    http.handleInSingleTransaction(Fixtures.restRequest(), context, this::created);

    APIGatewayProxyResponseEvent response =
        http.handleInSingleTransaction(
            Fixtures.restRequest().withBody("{\"sku\":\"B-2\",\"quantity\":1}"),
            context,
            this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        422,
        "idempotency-key-reused");
    assertThat(store.committed()).hasSize(1);
  }

  @Test
  void handleInSingleTransaction_serverError_returnedWithoutAnyWrite() {
    APIGatewayProxyResponseEvent response =
        http.handleInSingleTransaction(
            Fixtures.restRequest(), context, (request, writes) -> withWrite(writes, 503));

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(store.size()).isZero();
    assertThat(store.committed()).isEmpty();
  }

  @Test
  void handleInSingleTransaction_clientErrorRetryable_nothingStoredAndACorrectedRequestRuns() {
    BothFormats lenient =
        BothFormats.configured(
            Fixtures.idempotency(store), b -> b.retryWhenStatus(status -> status >= 400));
    APIGatewayProxyResponseEvent refused =
        lenient.handleInSingleTransaction(
            Fixtures.restRequest(), context, (request, writes) -> status(422));

    APIGatewayProxyResponseEvent corrected =
        lenient.handleInSingleTransaction(
            Fixtures.restRequest().withBody("{\"sku\":\"A-1\",\"quantity\":1}"),
            context,
            this::created);

    assertThat(refused.getStatusCode()).isEqualTo(422);
    assertThat(corrected.getStatusCode()).isEqualTo(201);
    assertThat(corrected.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(store.committed()).hasSize(1);
  }

  @Test
  void handleInSingleTransaction_storeFailsAfterTheHandlerRan_returns503AndWritesNothing() {
    store.failNextTransaction(new IdempotencyStoreException("TransactionConflict", null));

    APIGatewayProxyResponseEvent response =
        http.handleInSingleTransaction(Fixtures.restRequest(), context, this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        503,
        "idempotency-store-unavailable");
    assertThat(runs).hasValue(1);
    assertThat(store.committed()).isEmpty();
  }

  @Test
  void handleInSingleTransaction_writeConditionFails_returnsTheRejectionAndWritesNothing() {
    store.failNextTransaction(new WriteRejectedException(0, Map.of()));

    Outcome<APIGatewayProxyResponseEvent> outcome =
        http.rest().handleInSingleTransaction(Fixtures.restRequest(), context, this::created);

    assertThat(Outcomes.rejected(outcome).writeIndex()).isZero();
    assertThat(store.size()).isZero();
  }

  @Test
  void handleInSingleTransaction_handlerThrowsLibraryException_propagatesUnchanged() {
    IdempotencyStoreException own = new IdempotencyStoreException("handler's own", null);

    assertThatThrownBy(() ->
            http.handleInSingleTransaction(
                Fixtures.restRequest(),
                context,
                (request, writes) -> {
                  throw own;
                }))
        .isSameAs(own);
    assertThat(store.size()).isZero();
  }

  @Test
  void handleInSingleTransaction_sameKeyHeldInGuardMode_returns409() {
    APIGatewayProxyResponseEvent[] concurrent = new APIGatewayProxyResponseEvent[1];

    http.handle(
        Fixtures.restRequest(),
        context,
        request -> {
          concurrent[0] =
              http.handleInSingleTransaction(Fixtures.restRequest(), context, this::created);
          return status(201);
        });

    assertProblem(
        concurrent[0].getStatusCode(),
        concurrent[0].getHeaders(),
        concurrent[0].getBody(),
        409,
        "request-in-progress");
    assertThat(store.committed()).isEmpty();
  }

  @Test
  void handleInSingleTransaction_httpApiRepeated_replaysWithTheHeader() {
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();
    http.handleInSingleTransaction(request, context, this::createdV2);

    APIGatewayV2HTTPResponse replay =
        http.handleInSingleTransaction(request, context, this::createdV2);

    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(store.committed()).hasSize(1);
  }

  @Test
  void handle_clientErrorRetryableInGuardMode_releasesTheKey() {
    BothFormats lenient =
        BothFormats.configured(
            Fixtures.idempotency(store), b -> b.retryWhenStatus(status -> status >= 400));
    lenient.handle(Fixtures.restRequest(), context, request -> status(400));

    APIGatewayProxyResponseEvent retry =
        lenient.handle(Fixtures.restRequest(), context, request -> status(201));

    assertThat(retry.getStatusCode()).isEqualTo(201);
    assertThat(retry.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(runs).hasValue(2);
  }

  private APIGatewayProxyResponseEvent created(
      APIGatewayProxyRequestEvent request, TransactionWrites writes) {
    return withWrite(writes, 201);
  }

  private APIGatewayV2HTTPResponse createdV2(APIGatewayV2HTTPEvent request, TransactionWrites w) {
    APIGatewayProxyResponseEvent rest = withWrite(w, 201);
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(rest.getStatusCode());
    response.setHeaders(rest.getHeaders());
    response.setBody(rest.getBody());
    return response;
  }

  private APIGatewayProxyResponseEvent withWrite(TransactionWrites writes, int status) {
    writes.put(
        Put.builder()
            .tableName("orders")
            .item(Map.of("orderId", AttributeValue.fromS("o-" + (runs.get() + 1))))
            .conditionExpression("attribute_not_exists(orderId)")
            .build());
    return status(status);
  }

  private APIGatewayProxyResponseEvent status(int status) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/json", "Location", "/orders/o-1"))
        .withBody("{\"run\":" + runs.incrementAndGet() + "}");
  }
}
