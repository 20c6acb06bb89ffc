package dev.idem.functions.common;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Calls an external provider (payments, notifications) over HTTP with a timeout and the operation's
 * {@code Idempotency-Key}, so the provider can deduplicate our retries as we deduplicate our
 * callers'. Timeouts, connection failures and 5xx answers are {@link ProviderUnavailableException}:
 * the caller lets the queue retry them. Thread-safe.
 */
public final class ProviderClient {

  private final URI baseUrl;
  private final Duration timeout;
  private final HttpClient http;

  /** A client for the provider at {@code baseUrl}; every call gives up after {@code timeout}. */
  public ProviderClient(URI baseUrl, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * POSTs a JSON body to {@code path} under {@code idempotencyKey}.
   *
   * @return the provider's answer when it answered with a status below 500
   * @throws ProviderUnavailableException on a timeout, an I/O failure or a 5xx answer
   */
  public ProviderResponse post(String path, String idempotencyKey, String jsonBody) {
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
            .build();
    HttpResponse<String> response = send(request, path);
    if (response.statusCode() >= 500) {
      throw new ProviderUnavailableException(
          "Provider answered " + response.statusCode() + " to POST " + path, null);
    }
    return new ProviderResponse(response.statusCode(), response.body());
  }

  private HttpResponse<String> send(HttpRequest request, String path) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ProviderUnavailableException("Provider timed out on POST " + path, e);
    } catch (IOException e) {
      throw new ProviderUnavailableException("Provider unreachable on POST " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnavailableException("Interrupted during POST " + path, e);
    }
  }

  /**
   * A provider's answer.
   *
   * @param status the HTTP status, below 500
   * @param body the response body
   */
  public record ProviderResponse(int status, String body) {}
}
