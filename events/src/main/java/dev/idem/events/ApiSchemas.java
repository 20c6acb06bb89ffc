package dev.idem.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schemas of the reference system's API request bodies, shipped in this jar beside the
 * event schemas. They are JSON Schema draft 4, the version API Gateway models use: {@code
 * template.yaml} and the CDK stack declare them as request models, and the functions enforce the
 * same rules by hand.
 *
 * {@snippet :
 * String schema = ApiSchemas.placeOrderRequest(); // {"$schema":"http://json-schema.org/draft-04/schema#",...}
 * }
 */
public final class ApiSchemas {

  /** The class path resource of the {@code POST /orders} body's schema. */
  public static final String PLACE_ORDER_REQUEST = "schemas/PlaceOrderRequest.json";

  private ApiSchemas() {}

  /**
   * The {@code POST /orders} body's schema, as written in {@code events/schemas/}.
   *
   * @throws IllegalStateException if the resource is missing from the class path
   * @throws UncheckedIOException if it cannot be read
   */
  public static String placeOrderRequest() {
    return read(PLACE_ORDER_REQUEST);
  }

  private static String read(String resource) {
    try (InputStream in = ApiSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No schema on the class path: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
