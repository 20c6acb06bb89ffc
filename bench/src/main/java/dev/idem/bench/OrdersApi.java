package dev.idem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The orders API of a running local cloud, over plain HTTP as a client sees it. Thread-safe. */
final class OrdersApi {

  /**
   * A {@code POST /orders} answer.
   *
   * @param status the HTTP status
   * @param orderId the order's id on 201, else null
   * @param replayed whether it carried {@code Idempotent-Replayed: true}
   */
  record Placed(int status, String orderId, boolean replayed) {}

  /**
   * A {@code POST /orders} answer with its body.
   *
   * @param status the HTTP status
   * @param orderId the order's id on 201, else null
   * @param replayed whether it carried {@code Idempotent-Replayed: true}
   * @param body the body as sent
   */
  record Answer(int status, String orderId, boolean replayed, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI api;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  OrdersApi(URI api) {
    this.api = api;
  }

  /** The body of an order of {@code quantity} × {@code sku}. */
  static String body(String customerId, String sku, int quantity) {
    return """
    {"customerId":"%s","currency":"EUR","lines":[{"sku":"%s","quantity":%d}]}\
    """
        .formatted(customerId, sku, quantity);
  }

  /** {@code POST /orders} with an {@code Idempotency-Key}. */
  Placed place(String idempotencyKey, String body) {
    Answer answer = post(idempotencyKey, body, null, TIMEOUT);
    return new Placed(answer.status(), answer.orderId(), answer.replayed());
  }

  /**
   * {@code POST /orders} with an {@code Idempotency-Key} that is also sent as {@code
   * X-Correlation-Id}, so the order's row names the key; the client gives up after {@code timeout}.
   *
   * @throws UncheckedIOException when there is no answer: its cause is an {@link
   *     java.net.http.HttpTimeoutException} when the timeout passed, else the connection failed
   */
  Answer placeCorrelated(String idempotencyKey, String body, Duration timeout) {
    return post(idempotencyKey, body, idempotencyKey, timeout);
  }

  private Answer post(String key, String body, String correlationId, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.resolve("/orders"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(timeout);
    if (correlationId != null) {
      request.header("X-Correlation-Id", correlationId);
    }
    HttpResponse<String> response = send(request.build());
    String orderId =
        response.statusCode() == 201 ? json(response.body()).path("orderId").asText(null) : null;
    boolean replayed =
        response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
    return new Answer(response.statusCode(), orderId, replayed, response.body());
  }

  /** The order's {@code status} as {@code GET /orders/{id}} shows it, or empty if not 200. */
  String status(String orderId) {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(api.resolve("/orders/" + orderId)).timeout(TIMEOUT).build());
    return response.statusCode() == 200 ? json(response.body()).path("status").asText("") : "";
  }

  /** {@code GET url} as JSON (the stubs' lists). */
  JsonNode getJson(URI url) {
    return json(send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build()).body());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + text, e);
    }
  }
}
