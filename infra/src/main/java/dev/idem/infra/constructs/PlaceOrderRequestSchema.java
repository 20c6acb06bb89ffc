package dev.idem.infra.constructs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.events.ApiSchemas;
import java.util.Map;

/**
 * The {@code POST /orders} body's JSON Schema, as the events module ships it, for the API model.
 */
final class PlaceOrderRequestSchema {

  private PlaceOrderRequestSchema() {}

  /**
   * The schema as a JSON object.
   *
   * @throws IllegalStateException if the shipped schema is not a JSON object
   */
  static Map<String, Object> read() {
    try {
      return new ObjectMapper().readValue(ApiSchemas.placeOrderRequest(), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(ApiSchemas.PLACE_ORDER_REQUEST + " is not a JSON object", e);
    }
  }
}
