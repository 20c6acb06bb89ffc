package dev.idem.local.sources.api;

import java.util.List;
import java.util.Locale;

/**
 * A REST API's {@code BinaryMediaTypes}: the content types it passes to and from a Lambda proxy
 * integration as binary. A request body of such a type reaches the function base64-encoded ({@code
 * isBase64Encoded: true}); a response the function marks {@code isBase64Encoded} is decoded only
 * when the first media type of the request's {@code Accept} header is such a type. Entries may use
 * {@code *} for the type or subtype ({@code image/*}; {@code *}/{@code *} for every type), and
 * {@code ~1} for {@code /} as CloudFormation and SAM write them ({@code image~1png}).
 *
 * {@snippet :
 * BinaryMediaTypes types = new BinaryMediaTypes(List.of("image~1png", "application/octet-stream"));
 * types.matches("image/png"); // true
 * }
 *
 * @param types the configured media types, {@code ~1} already or not yet replaced by {@code /}
 */
public record BinaryMediaTypes(List<String> types) {

  /** An API without binary media types: every payload is text. */
  public static final BinaryMediaTypes NONE = new BinaryMediaTypes(List.of());

  /** Copies the list, replacing {@code ~1} by {@code /}. */
  public BinaryMediaTypes {
    types =
        types.stream()
            .map(type -> type.replace("~1", "/").trim().toLowerCase(Locale.ROOT))
            .toList();
  }

  /**
   * Whether a payload of this content type is binary.
   *
   * @param contentType a {@code Content-Type} or one {@code Accept} entry, parameters allowed; null
   *     or blank is never binary
   */
  public boolean matches(String contentType) {
    if (contentType == null || contentType.isBlank() || types.isEmpty()) {
      return false;
    }
    String[] parts = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
    String type = parts[0];
    String subtype = parts.length > 1 ? parts[1] : "";
    for (String configured : types) {
      String[] wanted = configured.split("/", 2);
      if (part(wanted[0], type) && part(wanted.length > 1 ? wanted[1] : "", subtype)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a response is returned as binary: by the first media type of the Accept header. */
  boolean acceptsBinary(String accept) {
    return accept != null && matches(accept.split(",", 2)[0]);
  }

  private static boolean part(String wanted, String actual) {
    return wanted.equals("*") || wanted.equals(actual);
  }
}
