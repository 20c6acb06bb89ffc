package dev.idem.functions.orders;

import static dev.idem.functions.orders.OrderFixtures.BODY;
import static dev.idem.functions.orders.OrderFixtures.json;
import static dev.idem.functions.orders.OrderFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every kind of bad request — malformed, unknown fields, wrong types, out of range, too large, not
 * priceable — gets a 4xx problem and writes nothing: no order, no idempotency record.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PlaceOrderRefusalIT {

  private static ReferenceTables tables;
  private static PlaceOrderHandler handler;

  @BeforeAll
  static void createTables(DynamoDbClient dynamo) {
    tables = ReferenceTables.create(dynamo);
    handler =
        new PlaceOrderHandler(
            OrderFixtures.placeOrder(
                tables, dynamo, TestClock.atCurrentSecond(), new ByteArrayOutputStream()));
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
  }

  @AfterEach
  void nothingWritten() {
    assertThat(tables.orderCount()).isZero();
    assertThat(OrderFixtures.idempotencyRecords(tables)).isZero();
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("{\"customerId\":", 400, "invalid-request", "not valid JSON"),
        Arguments.of("[" + BODY + "]", 400, "invalid-request", "must be a JSON object"),
        Arguments.of(
            BODY.replace("\"customerId\":\"c-1\",", ""),
            400,
            "invalid-request",
            "customerId is required"),
        Arguments.of(
            BODY.replace("\"c-1\"", "42"), 400, "invalid-request", "customerId must be a string"),
        Arguments.of(
            BODY.replace("\"currency\"", "\"coupon\":\"X\",\"currency\""),
            400,
            "invalid-request",
            "coupon is not allowed"),
        Arguments.of(
            BODY.replace("\"quantity\":2", "\"quantity\":2,\"unitPrice\":1"),
            400,
            "invalid-request",
            "lines[0].unitPrice is not allowed"),
        Arguments.of(
            BODY.replace("\"quantity\":2", "\"quantity\":2.0"),
            400,
            "invalid-request",
            "lines[0].quantity must be an integer"),
        Arguments.of(
            BODY.replace("\"quantity\":1", "\"quantity\":\"1\""),
            400,
            "invalid-request",
            "lines[1].quantity must be an integer"),
        Arguments.of(
            "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[]}",
            400,
            "invalid-request",
            "lines must have between 1 and 50 items"),
        Arguments.of(
            PlaceOrderRequestParserTest.withLines(51),
            400,
            "invalid-request",
            "lines must have between 1 and 50 items"),
        Arguments.of(
            BODY.replace("\"quantity\":2", "\"quantity\":0"),
            400,
            "invalid-request",
            "lines[0].quantity must be between 1 and 1000"),
        Arguments.of(
            BODY.replace("SKU-002", "SKU-404"),
            422,
            "unknown-sku",
            "sku SKU-404 is not in the catalog"),
        Arguments.of(
            BODY.replace("EUR", "USD"),
            422,
            "currency-mismatch",
            "currency USD does not match the catalog's currency EUR"));
  }

  @ParameterizedTest(name = "{1} {3}")
  @MethodSource("badBodies")
  void handleRequest_badBody_problemNamingTheFault(
      String body, int status, String type, String detail) {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(post(UUID.randomUUID().toString(), body), null);

    assertThat(problem(response, status, type).get("detail").asText()).contains(detail);
    assertThat(response.getHeaders()).containsKey("X-Correlation-Id");
  }

  @Test
  void handleRequest_missingIdempotencyKey_400Problem() {
    APIGatewayProxyResponseEvent response = handler.handleRequest(post(null, BODY), null);

    assertThat(problem(response, 400, "idempotency-key-missing").get("detail").asText())
        .contains("Idempotency-Key");
  }

  @Test
  void handleRequest_invalidCorrelationHeader_400Problem() {
    APIGatewayProxyRequestEvent request = post(UUID.randomUUID().toString(), BODY);
    Map<String, String> headers = new HashMap<>(request.getHeaders());
    headers.put("X-Correlation-Id", "not valid!");
    request.setHeaders(headers);

    APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);

    assertThat(problem(response, 400, "invalid-request").get("detail").asText())
        .contains("X-Correlation-Id");
  }

  @Test
  void handleRequest_base64BodyThatIsNotBase64_400Problem() {
    APIGatewayProxyRequestEvent request =
        post(UUID.randomUUID().toString(), "%%%").withIsBase64Encoded(true);

    APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);

    problem(response, 400, "invalid-request");
  }

  @Test
  void handleRequest_bodyOneByteOverTheLimit_413Problem() {
    String body = padded(BODY, PlaceOrderService.MAX_BODY_BYTES + 1);

    APIGatewayProxyResponseEvent response =
        handler.handleRequest(post(UUID.randomUUID().toString(), body), null);

    assertThat(problem(response, 413, "content-too-large").get("detail").asText())
        .isEqualTo("The request body must be at most 65536 bytes");
  }

  @Test
  void handleRequest_bodyWithinTheLimitInCharactersButNotInBytes_413Problem() {
    String body = BODY.replace("c-1", "\u00e9".repeat(PlaceOrderService.MAX_BODY_BYTES / 2));

    assertThat(body.length()).isLessThan(PlaceOrderService.MAX_BODY_BYTES);
    problem(
        handler.handleRequest(post(UUID.randomUUID().toString(), body), null),
        413,
        "content-too-large");
  }

  @Test
  void handleRequest_base64BodyDecodingOverTheLimit_413Problem() {
    String body = padded(BODY, PlaceOrderService.MAX_BODY_BYTES + 1);
    APIGatewayProxyRequestEvent request =
        post(UUID.randomUUID().toString(), base64(body)).withIsBase64Encoded(true);

    problem(handler.handleRequest(request, null), 413, "content-too-large");
  }

  /** {@code body} with spaces after its first brace, {@code bytes} bytes long in all. */
  static String padded(String body, int bytes) {
    return "{" + " ".repeat(bytes - body.length()) + body.substring(1);
  }

  static String base64(String body) {
    return java.util.Base64.getEncoder()
        .encodeToString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static JsonNode problem(APIGatewayProxyResponseEvent response, int status, String type) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    JsonNode problem = json(response.getBody());
    assertThat(problem.get("type").asText()).isEqualTo("urn:idem:problem:" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("\tat ");
    return problem;
  }
}
