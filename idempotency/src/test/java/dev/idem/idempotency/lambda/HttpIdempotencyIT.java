package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestLambdaContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class HttpIdempotencyIT {

  private static final CallCounter CALLS = new CallCounter();
  private static LocalTables table;
  private static BothFormats http;

  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeAll
  static void createTable(DynamoDbLocal db) {
    table = LocalTables.create(db.client(CALLS), "http-adapter-it");
    http = BothFormats.of(table.idempotency("orders"));
  }

  @AfterAll
  static void dropTable() {
    table.close();
  }

  @Test
  void handle_restRequestDeliveredTwice_runsOnceAndTheDuplicateCostsOneWrite() {
    APIGatewayProxyRequestEvent request = restRequest(UUID.randomUUID().toString());
    APIGatewayProxyResponseEvent first = http.handle(request, context, this::created);
    CALLS.reset();

    APIGatewayProxyResponseEvent replay = http.handle(request, context, this::created);

    assertThat(runs).hasValue(1);
    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getBody()).isEqualTo(first.getBody());
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(CALLS.snapshot()).containsExactly(Map.entry("PutItem", 1L));
  }

  @Test
  void handle_httpApiServerErrorThenRetry_releasesTheKeyInDynamoDbAndStoresTheRetry() {
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();
    request.setHeaders(Map.of("idempotency-key", UUID.randomUUID().toString()));

    APIGatewayV2HTTPResponse failed = http.handle(request, context, r -> httpApi(502));
    APIGatewayV2HTTPResponse retried = http.handle(request, context, r -> httpApi(201));
    APIGatewayV2HTTPResponse replay = http.handle(request, context, r -> httpApi(201));

    assertThat(failed.getStatusCode()).isEqualTo(502);
    assertThat(retried.getStatusCode()).isEqualTo(201);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(runs).hasValue(2);
  }

  @Test
  void handle_duplicateWhileTheFirstRuns_gets409FromTheClaimInDynamoDb() {
    String key = UUID.randomUUID().toString();
    APIGatewayProxyResponseEvent[] concurrent = new APIGatewayProxyResponseEvent[1];

    http.handle(
        restRequest(key),
        context,
        request -> {
          concurrent[0] = http.handle(restRequest(key), context, this::created);
          return created(request);
        });

    assertThat(concurrent[0].getStatusCode()).isEqualTo(409);
    assertThat(concurrent[0].getHeaders()).containsKey("Retry-After");
    assertThat(runs).hasValue(1);
  }

  private static APIGatewayProxyRequestEvent restRequest(String key) {
    APIGatewayProxyRequestEvent request = Fixtures.restRequest();
    request.setHeaders(Map.of("Content-Type", "application/json", "Idempotency-Key", key));
    request.setMultiValueHeaders(null);
    return request;
  }

  private APIGatewayProxyResponseEvent created(APIGatewayProxyRequestEvent request) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(201)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody("{\"run\":" + runs.incrementAndGet() + "}");
  }

  private APIGatewayV2HTTPResponse httpApi(int status) {
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(status);
    response.setBody("{\"run\":" + runs.incrementAndGet() + "}");
    return response;
  }
}
