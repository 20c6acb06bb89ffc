package dev.idem.local.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP response.
 *
 * @param status the status code
 * @param headers the headers
 * @param body the body bytes
 */
public record Response(int status, Map<String, List<String>> headers, byte[] body) {

  public Response {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A response with a body of the given content type. */
  public static Response of(int status, String contentType, String body) {
    return new Response(
        status,
        Map.of("Content-Type", List.of(contentType)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON response. */
  public static Response json(int status, String json) {
    return of(status, "application/json", json);
  }

  /**
   * No answer at all: the endpoint closes the connection without writing anything, as a server that
   * crashed or a network that dropped the answer would (the client sees the connection end).
   */
  public static Response dropConnection() {
    return DROP;
  }

  /** Whether this is {@link #dropConnection()}. */
  public boolean dropsConnection() {
    return this == DROP;
  }

  private static final Response DROP = new Response(0, Map.of(), new byte[0]);

  /** A response without a body. */
  public static Response empty(int status) {
    return new Response(status, Map.of(), new byte[0]);
  }

  /** This response with one more header. */
  public Response withHeader(String name, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(headers);
    copy.put(name, List.of(value));
    return new Response(status, copy, body);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
