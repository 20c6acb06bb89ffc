package dev.idem.idempotency.lambda;

import static dev.idem.idempotency.lambda.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpIdempotencyHttpApiTest {

  private static final String KEY = "0b2f5d5e-6f0e-4a8e-9f5e-2f6c1d7a9b10";

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final BothFormats http = BothFormats.of(Fixtures.idempotency(store));
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void handle_repeatedRequest_runsOnceAndReplaysStatusHeadersCookiesAndBody() {
    APIGatewayV2HTTPResponse first = http.handle(Fixtures.httpApiRequest(), context, this::created);

    APIGatewayV2HTTPResponse replay =
        http.handle(Fixtures.httpApiRequest(), context, this::created);

    assertThat(runs).hasValue(1);
    assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getBody()).isEqualTo(first.getBody());
    assertThat(replay.getCookies()).containsExactly("session=s1");
    assertThat(replay.getHeaders())
        .containsEntry("Location", "/orders/1")
        .containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void handle_mixedCaseHeaderName_isFound() {
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();
    request.setHeaders(Map.of("IdemPotency-KEY", KEY));
    http.handle(request, context, this::created);

    APIGatewayV2HTTPResponse replay = http.handle(request, context, this::created);

    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_missingKey_returns400Problem() {
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();
    request.setHeaders(Map.of("content-type", "application/json"));

    APIGatewayV2HTTPResponse response = http.handle(request, context, this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        400,
        "idempotency-key-missing");
    assertThat(runs).hasValue(0);
  }

  @Test
  void handle_sameKeyStillRunning_returns409WithRetryAfter() {
    APIGatewayV2HTTPResponse[] concurrent = new APIGatewayV2HTTPResponse[1];

    http.handle(
        Fixtures.httpApiRequest(),
        new TestLambdaContext(Duration.ofMillis(12_500)),
        request -> {
          concurrent[0] = http.handle(Fixtures.httpApiRequest(), context, this::created);
          return created(request);
        });

    assertProblem(
        concurrent[0].getStatusCode(),
        concurrent[0].getHeaders(),
        concurrent[0].getBody(),
        409,
        "request-in-progress");
    assertThat(concurrent[0].getHeaders()).containsEntry("Retry-After", "2");
  }

  @Test
  void handle_sameKeyWithAnotherMethod_returns422() {
    http.handle(Fixtures.httpApiRequest(), context, this::created);
    APIGatewayV2HTTPEvent put = Fixtures.httpApiRequest();
    put.getRequestContext().getHttp().setMethod("PUT");

    APIGatewayV2HTTPResponse response = http.handle(put, context, this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        422,
        "idempotency-key-reused");
  }

  @Test
  void handle_base64BinaryBody_isComparedByItsBytes() {
    APIGatewayV2HTTPEvent first = binaryRequest(new byte[] {1, 2, 3, (byte) 0xff});
    APIGatewayV2HTTPEvent same = binaryRequest(new byte[] {1, 2, 3, (byte) 0xff});
    APIGatewayV2HTTPEvent other = binaryRequest(new byte[] {1, 2, 3, 4});
    http.handle(first, context, this::created);

    APIGatewayV2HTTPResponse replay = http.handle(same, context, this::created);
    APIGatewayV2HTTPResponse mismatch = http.handle(other, context, this::created);

    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(mismatch.getStatusCode()).isEqualTo(422);
  }

  @Test
  void handle_serverErrorThenSuccess_runsTwiceAndStoresTheSuccess() {
    http.handle(Fixtures.httpApiRequest(), context, request -> status(500));
    http.handle(Fixtures.httpApiRequest(), context, this::created);

    APIGatewayV2HTTPResponse replay =
        http.handle(Fixtures.httpApiRequest(), context, this::created);

    assertThat(runs).hasValue(2);
    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void handle_unprocessableEntity_isStoredAndReplayed() {
    http.handle(Fixtures.httpApiRequest(), context, request -> status(422));

    APIGatewayV2HTTPResponse replay =
        http.handle(Fixtures.httpApiRequest(), context, this::created);

    assertThat(replay.getStatusCode()).isEqualTo(422);
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_handlerThrowsIoException_propagatesAndTheRetryRuns() {
    IOException failure = new IOException("downstream closed");

    assertThatThrownBy(() ->
            http.handle(
                Fixtures.httpApiRequest(),
                context,
                request -> {
                  throw failure;
                }))
        .isSameAs(failure);
    APIGatewayV2HTTPResponse retry = http.handle(Fixtures.httpApiRequest(), context, this::created);

    assertThat(retry.getStatusCode()).isEqualTo(201);
    assertThat(runs).hasValue(1);
  }

  @Test
  void handle_storeUnavailable_returns503() {
    FlakyStore flaky = new FlakyStore();
    flaky.failing(true);

    APIGatewayV2HTTPResponse response =
        BothFormats.of(Fixtures.idempotency(flaky))
            .handle(Fixtures.httpApiRequest(), context, this::created);

    assertProblem(
        response.getStatusCode(),
        response.getHeaders(),
        response.getBody(),
        503,
        "idempotency-store-unavailable");
    assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
  }

  private APIGatewayV2HTTPEvent binaryRequest(byte[] body) {
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();
    request.setHeaders(Map.of("content-type", "application/octet-stream", "idempotency-key", KEY));
    request.setBody(Base64.getEncoder().encodeToString(body));
    request.setIsBase64Encoded(true);
    return request;
  }

  private APIGatewayV2HTTPResponse created(APIGatewayV2HTTPEvent request) {
    APIGatewayV2HTTPResponse response = status(201);
    response.setCookies(List.of("session=s1"));
    return response;
  }

  private APIGatewayV2HTTPResponse status(int status) {
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(status);
    response.setHeaders(Map.of("Content-Type", "application/json", "Location", "/orders/1"));
    response.setBody("{\"run\":" + runs.incrementAndGet() + "}");
    return response;
  }
}
