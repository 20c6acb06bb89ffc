package dev.idem.functions.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The ids that tie an HTTP request into the order flow.
 *
 * @param correlationId the client's {@code X-Correlation-Id} when it sent a valid one, else API
 *     Gateway's request id, else a new id; every event of the order carries it
 * @param causationId API Gateway's request id, else the same new id: what caused the order
 */
public record RequestIds(String correlationId, String causationId) {

  /** The header a client may send to correlate its own logs with the order's events. */
  public static final String CORRELATION_HEADER = "X-Correlation-Id";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

  /**
   * Whether {@code value} may be a correlation id: 1 to 128 of {@code A-Z a-z 0-9 . _ : / + = -}.
   */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  /**
   * The ids of {@code request}; empty when it sends an {@code X-Correlation-Id} that is not {@link
   * #isValid valid}.
   */
  public static Optional<RequestIds> of(
      APIGatewayProxyRequestEvent request, Supplier<String> newId) {
    String header = header(request, CORRELATION_HEADER);
    if (header != null && !isValid(header.strip())) {
      return Optional.empty();
    }
    String requestId =
        request.getRequestContext() == null ? null : request.getRequestContext().getRequestId();
    String cause = requestId == null || requestId.isBlank() ? newId.get() : requestId;
    return Optional.of(new RequestIds(header != null ? header.strip() : cause, cause));
  }

  /** A header's value, whatever its letter case, from the single- or multi-value headers. */
  static String header(APIGatewayProxyRequestEvent request, String name) {
    String single = find(request.getHeaders(), name);
    if (single != null) {
      return single;
    }
    List<String> values = find(request.getMultiValueHeaders(), name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static <V> V find(Map<String, V> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, V> header : headers.entrySet()) {
      if (name.equalsIgnoreCase(header.getKey())) {
        return header.getValue();
      }
    }
    return null;
  }
}
