package dev.idem.idempotency.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response as it is stored for replay, independent of the API Gateway payload version.
 *
 * @param statusCode the HTTP status
 * @param headers single-value headers; null when none
 * @param multiValueHeaders multi-value headers; null when none
 * @param cookies the cookies of an HTTP API response; null when none
 * @param body the body, base64 when {@code base64Encoded}; null when none
 * @param base64Encoded whether the body is base64
 */
record HttpResponseData(
    int statusCode,
    Map<String, String> headers,
    Map<String, List<String>> multiValueHeaders,
    List<String> cookies,
    String body,
    boolean base64Encoded) {

  /** This response with one more single-value header. */
  HttpResponseData withHeader(String name, String value) {
    Map<String, String> copy =
        headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new HttpResponseData(statusCode, copy, multiValueHeaders, cookies, body, base64Encoded);
  }
}
