package dev.idem.local.console;

import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The requests the API port answered, with their bodies (idempotency keys redacted, cut at {@link
 * Texts#LIMIT}), in a {@link Ring}: where most flows begin. Thread-safe.
 */
final class ApiLog {

  /**
   * One request.
   *
   * @param sequence its number since the console started, from 1
   * @param at when it arrived
   * @param duration until its answer
   * @param method e.g. {@code POST}
   * @param path the path as sent, with its query
   * @param keyed whether it carried an {@code Idempotency-Key} header (its value is never kept)
   * @param status the status answered; 0 when the connection was dropped
   * @param apiRequestId the API request id it was answered with ({@code x-amzn-RequestId}), which
   *     the invocation it led to names as its trigger; null when none
   * @param request its body, as kept
   * @param response the answer's body, as kept
   */
  record Entry(
      long sequence,
      Instant at,
      Duration duration,
      String method,
      String path,
      boolean keyed,
      int status,
      String apiRequestId,
      String request,
      String response) {

    long storedChars() {
      return (long) path.length() + request.length() + response.length();
    }
  }

  private final Ring<Entry> ring;
  private final Clock clock;

  ApiLog(int capacity, Clock clock) {
    this.ring = new Ring<>(capacity);
    this.clock = clock;
  }

  /** {@code api}, with each request it answers kept here. */
  HttpService around(HttpService api) {
    return request -> {
      Instant at = clock.instant();
      long begin = System.nanoTime();
      Response response = api.handle(request);
      record(request, response, at, Duration.ofNanos(System.nanoTime() - begin));
      return response;
    };
  }

  private void record(Request request, Response response, Instant at, Duration duration) {
    String query = request.rawQuery();
    String path =
        Texts.cut(request.rawPath() + (query == null || query.isEmpty() ? "" : "?" + query));
    boolean keyed = request.header("Idempotency-Key").isPresent();
    String apiRequestId =
        response.headers().entrySet().stream()
            .filter(header -> header.getKey().equalsIgnoreCase("x-amzn-RequestId"))
            .flatMap(header -> header.getValue().stream())
            .findFirst()
            .orElse(null);
    String requestBody = Texts.keep(request.body());
    String responseBody = response.dropsConnection() ? "" : Texts.keep(response.body());
    ring.add(sequence ->
        new Entry(
            sequence,
            at,
            duration,
            request.method(),
            path,
            keyed,
            response.dropsConnection() ? 0 : response.status(),
            apiRequestId,
            requestBody,
            responseBody));
  }

  /** At most {@code limit} of the kept requests, newest first. */
  List<Entry> recent(int limit) {
    return ring.recent(limit);
  }

  /** Every kept request, newest first. */
  List<Entry> all() {
    return ring.all();
  }
}
