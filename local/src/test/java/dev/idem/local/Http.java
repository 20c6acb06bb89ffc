package dev.idem.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to the local cloud's API and stubs, as curl would make them. */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  /** {@code POST url} with a JSON body and an {@code Idempotency-Key}. */
  static HttpResponse<String> post(URI url, String idempotencyKey, String body) {
    return post(url, idempotencyKey, "application/json", body);
  }

  /** {@code POST url} with a body of {@code contentType} and an {@code Idempotency-Key}. */
  static HttpResponse<String> post(
      URI url, String idempotencyKey, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(url)
            .header("Content-Type", contentType)
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(30))
            .build());
  }

  /** {@code GET url}. */
  static HttpResponse<String> get(URI url) {
    return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
