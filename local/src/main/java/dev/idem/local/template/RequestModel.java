package dev.idem.local.template;

import java.util.Map;
import java.util.Objects;

/**
 * The body validation of an {@code Api} event: its {@code RequestModel} with {@code ValidateBody:
 * true}, the model it names in its API's {@code Models}, and what the API answers to a body that
 * fails it.
 *
 * @param name the model's name, as the event names it
 * @param contentType the request content type the model applies to ({@code application/json}, as
 *     SAM declares a model)
 * @param schema the model's JSON Schema (draft 4), as JSON text
 * @param invalidBody the API's {@code BAD_REQUEST_BODY} gateway response, else its {@code
 *     DEFAULT_4XX}, else null for API Gateway's own
 */
public record RequestModel(
    String name, String contentType, String schema, InvalidBody invalidBody) {

  /** Checks the components. */
  public RequestModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(schema, "schema");
  }

  /**
   * A gateway response declared for invalid bodies.
   *
   * @param statusCode its {@code StatusCode}, or null for the type's default (400)
   * @param headers its static header values ({@code ResponseParameters.Headers}), unquoted
   * @param templates its {@code ResponseTemplates} by content type
   */
  public record InvalidBody(
      Integer statusCode, Map<String, String> headers, Map<String, String> templates) {

    public InvalidBody {
      headers = Map.copyOf(headers);
      templates = Map.copyOf(templates);
    }
  }
}
