package dev.idem.local.sources.api;

import java.util.Objects;

/**
 * The request body validation of an API method, as API Gateway applies it before invoking the
 * function: a model (JSON Schema draft 4) for one content type, and the gateway response to a body
 * that fails it.
 *
 * {@snippet :
 * new ApiRoute("POST", "/orders", "PlaceOrder",
 *     new BodyValidation("application/json", schemaJson, GatewayResponse.badRequestBody()));
 * }
 *
 * @param contentType the content type the model applies to, or {@code $default} for every one
 * @param schema the model, as JSON text
 * @param invalidBody the answer to a body that fails it
 */
public record BodyValidation(String contentType, String schema, GatewayResponse invalidBody) {

  /** Checks the components. */
  public BodyValidation {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(invalidBody, "invalidBody");
  }
}
