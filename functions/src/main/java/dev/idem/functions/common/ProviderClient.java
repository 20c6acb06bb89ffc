package dev.idem.functions.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls an external provider (payments, notifications) over HTTP with a timeout and the operation's
 * {@code Idempotency-Key}, so the provider can deduplicate our retries as we deduplicate our
 * callers'. Timeouts, connection failures and 5xx answers are {@link ProviderUnavailableException}:
 * the caller lets the queue retry them. Thread-safe.
 *
 * <p>It uses {@link HttpURLConnection}, which the AWS SDK's URL-connection client has loaded
 * already, rather than {@code java.net.http}: that one would load some 600 more classes and start a
 * selector thread, on the cold start of every function that calls a provider. Connections are kept
 * alive and reused by the JDK's keep-alive cache.
 */
public final class ProviderClient {

  private final URI baseUrl;
  private final int timeoutMillis;

  /**
   * A client for the provider at {@code baseUrl}; connecting, and then waiting for each part of the
   * answer, each give up after {@code timeout}.
   */
  public ProviderClient(URI baseUrl, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
  }

  /**
   * POSTs a JSON body to {@code path} under {@code idempotencyKey}.
   *
   * @return the provider's answer when it answered with a status below 500
   * @throws ProviderUnavailableException on a timeout, an I/O failure or a 5xx answer
   */
  public ProviderResponse post(String path, String idempotencyKey, String jsonBody) {
    byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) baseUrl.resolve(path).toURL().openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setFixedLengthStreamingMode(body.length);
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setRequestProperty("Idempotency-Key", idempotencyKey);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      String answer =
          read(status < 400 ? connection.getInputStream() : connection.getErrorStream());
      if (status >= 500) {
        throw new ProviderUnavailableException(
            "Provider answered " + status + " to POST " + path, null);
      }
      return new ProviderResponse(status, answer);
    } catch (SocketTimeoutException e) {
      disconnect(connection);
      throw new ProviderUnavailableException("Provider timed out on POST " + path, e);
    } catch (IOException e) {
      disconnect(connection);
      throw new ProviderUnavailableException("Provider unreachable on POST " + path, e);
    }
  }

  /**
   * GETs {@code pathAndQuery} (a lookup).
   *
   * @return the provider's answer when it answered with a status below 500
   * @throws ProviderUnavailableException on a timeout, an I/O failure or a 5xx answer
   */
  public ProviderResponse get(String pathAndQuery) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) baseUrl.resolve(pathAndQuery).toURL().openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setRequestMethod("GET");
      int status = connection.getResponseCode();
      String answer =
          read(status < 400 ? connection.getInputStream() : connection.getErrorStream());
      if (status >= 500) {
        throw new ProviderUnavailableException(
            "Provider answered " + status + " to GET " + pathAndQuery, null);
      }
      return new ProviderResponse(status, answer);
    } catch (SocketTimeoutException e) {
      disconnect(connection);
      throw new ProviderUnavailableException("Provider timed out on GET " + pathAndQuery, e);
    } catch (IOException e) {
      disconnect(connection);
      throw new ProviderUnavailableException("Provider unreachable on GET " + pathAndQuery, e);
    }
  }

  /** Reads and closes the answer, so that its connection goes back to the keep-alive cache. */
  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A connection that failed half-way is closed rather than reused. */
  private static void disconnect(HttpURLConnection connection) {
    if (connection != null) {
      connection.disconnect();
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
