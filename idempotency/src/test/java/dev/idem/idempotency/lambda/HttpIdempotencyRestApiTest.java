package dev.idem.idempotency.lambda;

import static dev.idem.idempotency.lambda.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpIdempotencyRestApiTest {

  private static final String KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324";

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final BothFormats http = BothFormats.of(Fixtures.idempotency(store));
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void handle_firstRequest_runsHandlerAndReturnsItsResponse() {
    APIGatewayProxyResponseEvent response =
        http.handle(Fixtures.restRequest(), context, this::created);

    assertThat(runs).hasValue(1);
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getBody()).isEqualTo("{\"run\":1}");
    assertThat(response.getHeaders()).doesNotContainKey("Idempotent-Replayed");
  }

  @Test
  void handle_repeatedRequest_replaysStoredResponseWithReplayedHeader() {
    http.handle(Fixtures.restRequest(), context, this::created);

    APIGatewayProxyResponseEvent replay =
        http.handle(Fixtures.restRequest(), context, this::created);

    assertThat(runs).hasValue(1);
    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getBody()).isEqualTo("{\"run\":1}");
    assertThat(replay.getHeaders())
        .containsEntry("Location", "/orders/o-1/items/1")
        .containsEntry("Content-Type", "application/json")
        .containsEntry("Idempotent-Replayed", "true");
    assertThat(replay.getMultiValueHeaders()).containsEntry("Set-Cookie", List.of("a=1", "b=2"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"idempotency-key", "IDEMPOTENCY-KEY", "Idempotency-Key", "iDEMPOTENCY-kEY"})
  void handle_headerInAnyCase_guardsTheRequest(String headerName) {
    http.handle(withHeaders(Map.of(headerName, KEY)), context, this::created);

    APIGatewayProxyResponseEvent replay =
        http.handle(withHeaders(Map.of(headerName, KEY)), context, this::created);

    assertThat(runs).hasValue(1);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void handle_keyOnlyInMultiValueHeaders_guardsTheRequest() {
    APIGatewayProxyRequestEvent request = Fixtures.restRequest().withHeaders(null);
    request.setMultiValueHeaders(Map.of("idempotency-key", List.of(KEY)));
    http.handle(request, context, this::created);

    APIGatewayProxyResponseEvent replay = http.handle(request, context, this::created);

    assertThat(runs).hasValue(1);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void handle_quotedStructuredFieldKey_matchesTheBareKey() {
    http.handle(withHeaders(Map.of("Idempotency-Key", "\"" + KEY + "\"")), context, this::created);

    http.handle(withHeaders(Map.of("Idempotency-Key", KEY)), context, this::created);

    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_missingKey_returns400ProblemWithoutRunningHandler() {
    APIGatewayProxyResponseEvent response =
        http.handle(
            withHeaders(Map.of("Content-Type", "application/json")), context, this::created);

    JsonNode problem =
        assertProblem(
            response.getStatusCode(),
            response.getHeaders(),
            response.getBody(),
            400,
            "idempotency-key-missing");
    assertThat(problem.get("detail").asText()).contains("Idempotency-Key");
    assertThat(runs).hasValue(0);
    assertThat(store.size()).isZero();
  }

  @Test
  void handle_missingKeyWhenNotRequired_runsHandlerUnguardedEachTime() {
    var optional =
        HttpIdempotency.restApiBuilder(Fixtures.idempotency(store)).keyRequired(false).build();
    APIGatewayProxyRequestEvent request = withHeaders(Map.of());

    optional.handle(request, context, this::created);
    APIGatewayProxyResponseEvent second = optional.handle(request, context, this::created);

    assertThat(runs).hasValue(2);
    assertThat(second.getBody()).isEqualTo("{\"run\":2}");
    assertThat(store.size()).isZero();
  }

  @Test
  void handle_tooLongKey_returns400ProblemThatNeverEchoesTheKey() {
    String longKey = "k".repeat(300);

    APIGatewayProxyResponseEvent response =
        http.handle(withHeaders(Map.of("Idempotency-Key", longKey)), context, this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        400,
        "idempotency-key-invalid");
    assertThat(response.getBody()).doesNotContain(longKey.substring(0, 50));
    assertThat(runs).hasValue(0);
  }

  @Test
  void handle_sameKeyStillRunning_returns409WithRetryAfterCappedBelowTheLease() {
    APIGatewayProxyResponseEvent[] concurrent = new APIGatewayProxyResponseEvent[1];

    http.handle(
        Fixtures.restRequest(),
        context,
        request -> {
          concurrent[0] = http.handle(Fixtures.restRequest(), context, this::created);
          return created(request);
        });

    assertProblem(
        concurrent[0].getStatusCode(),
        concurrent[0].getHeaders(),
        concurrent[0].getBody(),
        409,
        "request-in-progress");
    // The holder's lease has 30 s left; the hint is the default cap.
    assertThat(concurrent[0].getHeaders()).containsEntry("Retry-After", "2");
    assertThat(concurrent[0].getBody()).doesNotContain(KEY);
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_sameKeyWithAnotherBody_returns422() {
    http.handle(Fixtures.restRequest(), context, this::created);

    APIGatewayProxyResponseEvent response =
        http.handle(
            Fixtures.restRequest().withBody("{\"sku\":\"B-2\",\"quantity\":2}"),
            context,
            this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        422,
        "idempotency-key-reused");
    assertThat(response.getBody()).doesNotContain(KEY);
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_sameKeyOnAnotherPath_returns422() {
    http.handle(Fixtures.restRequest(), context, this::created);

    APIGatewayProxyResponseEvent response =
        http.handle(Fixtures.restRequest().withPath("/orders/o-2/items"), context, this::created);

    assertThat(response.getStatusCode()).isEqualTo(422);
  }

  @Test
  void handle_jsonBodyWithMembersReordered_replays() {
    http.handle(Fixtures.restRequest(), context, this::created);

    APIGatewayProxyResponseEvent replay =
        http.handle(
            Fixtures.restRequest().withBody("{ \"quantity\": 2, \"sku\": \"A-1\" }"),
            context,
            this::created);

    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void handle_base64BodyOfTheSameJson_replays() {
    http.handle(Fixtures.restRequest(), context, this::created);
    String encoded =
        Base64.getEncoder()
            .encodeToString("{\"quantity\":2,\"sku\":\"A-1\"}".getBytes(StandardCharsets.UTF_8));

    APIGatewayProxyResponseEvent replay =
        http.handle(
            Fixtures.restRequest().withBody(encoded).withIsBase64Encoded(true),
            context,
            this::created);

    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_serverError_isNotStoredAndTheRetryRunsAgain() {
    http.handle(Fixtures.restRequest(), context, request -> status(503));

    APIGatewayProxyResponseEvent retry =
        http.handle(Fixtures.restRequest(), context, this::created);

    assertThat(retry.getStatusCode()).isEqualTo(201);
    assertThat(retry.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(runs).hasValue(2);
  }

  @Test
  void handle_clientError_isStoredAsFinalOutcomeAndReplayed() {
    http.handle(Fixtures.restRequest(), context, request -> status(409));

    APIGatewayProxyResponseEvent replay =
        http.handle(Fixtures.restRequest(), context, this::created);

    assertThat(replay.getStatusCode()).isEqualTo(409);
    assertThat(replay.getBody()).isEqualTo("{\"run\":1}");
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_handlerThrowsCheckedException_propagatesUnchangedAndReleasesTheKey() {
    OrderRejected rejected = new OrderRejected();

    assertThatThrownBy(() ->
            http.handle(
                Fixtures.restRequest(),
                context,
                request -> {
                  throw rejected;
                }))
        .isSameAs(rejected);
    APIGatewayProxyResponseEvent retry =
        http.handle(Fixtures.restRequest(), context, this::created);

    assertThat(retry.getStatusCode()).isEqualTo(201);
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_storeUnavailable_returns503WithRetryAfterOneSecond() {
    FlakyStore flaky = new FlakyStore();
    flaky.failing(true);
    BothFormats guarded = BothFormats.of(Fixtures.idempotency(flaky));

    APIGatewayProxyResponseEvent response =
        guarded.handle(Fixtures.restRequest(), context, this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        503,
        "idempotency-store-unavailable");
    assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
    assertThat(response.getBody()).doesNotContain("throttled");
    assertThat(runs).hasValue(0);
  }

  @Test
  void handle_customHeaderName_readsThatHeaderOnly() {
    var custom =
        HttpIdempotency.restApiBuilder(Fixtures.idempotency(store))
            .headerName("X-Request-Id")
            .build();

    custom.handle(withHeaders(Map.of("x-request-id", KEY)), context, this::created);
    APIGatewayProxyResponseEvent replay =
        custom.handle(withHeaders(Map.of("X-REQUEST-ID", KEY)), context, this::created);
    APIGatewayProxyResponseEvent withDefaultHeader =
        custom.handle(withHeaders(Map.of("Idempotency-Key", KEY)), context, this::created);

    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(withDefaultHeader.getStatusCode()).isEqualTo(400);
    assertThat(withDefaultHeader.getBody()).contains("X-Request-Id");
  }

  private APIGatewayProxyResponseEvent created(APIGatewayProxyRequestEvent request) {
    APIGatewayProxyResponseEvent response = status(201);
    response.setMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")));
    return response;
  }

  private APIGatewayProxyResponseEvent status(int status) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/json", "Location", "/orders/o-1/items/1"))
        .withBody("{\"run\":" + runs.incrementAndGet() + "}");
  }

  private static APIGatewayProxyRequestEvent withHeaders(Map<String, String> headers) {
    APIGatewayProxyRequestEvent request = Fixtures.restRequest().withHeaders(headers);
    request.setMultiValueHeaders(null);
    return request;
  }

  private static final class OrderRejected extends Exception {}
}
