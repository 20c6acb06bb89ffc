package dev.idem.functions.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The body of an API Gateway request as the client sent it, measured before anything parses it: its
 * bytes, decoded first when API Gateway delivered it base64, so that a body counts the same however
 * it was delivered.
 */
final class RequestBodies {

  /** A body read, or refused for its size. */
  sealed interface Body {}

  /**
   * A body within the limit, as UTF-8 text.
   *
   * @param text the body; null when there is none or it is not base64 although marked so
   */
  record Text(String text) implements Body {}

  /** A body over the limit; it was not read further. */
  record TooLarge() implements Body {}

  private RequestBodies() {}

  /** The body of {@code event} if it is at most {@code maxBytes} bytes. */
  static Body read(APIGatewayProxyRequestEvent event, int maxBytes) {
    String body = event.getBody();
    if (body == null) {
      return new Text(null);
    }
    if (!Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      // A char is at least one UTF-8 byte: a longer string needs no encoding to be refused.
      return body.length() > maxBytes || utf8Length(body) > maxBytes
          ? new TooLarge()
          : new Text(body);
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(body);
    } catch (IllegalArgumentException notBase64) {
      return new Text(null);
    }
    return bytes.length > maxBytes
        ? new TooLarge()
        : new Text(new String(bytes, StandardCharsets.UTF_8));
  }

  /** The length of {@code text} in UTF-8, without encoding it. */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
