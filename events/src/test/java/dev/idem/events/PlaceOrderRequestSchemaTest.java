package dev.idem.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code POST /orders} body's schema: draft 4 as API Gateway wants it, closed at every level,
 * and it accepts the sample request and refuses what the function refuses, naming the field.
 */
class PlaceOrderRequestSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
          .getSchema(ApiSchemas.placeOrderRequest(), InputFormat.JSON);
  private static final String VALID =
      "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"SKU-001\",\"quantity\":2}]}";

  @Test
  void schema_isDraft4AndTitled() throws IOException {
    JsonNode schema = JSON.readTree(ApiSchemas.placeOrderRequest());

    assertThat(schema.path("$schema").asText())
        .isEqualTo("http://json-schema.org/draft-04/schema#");
    assertThat(schema.path("title").asText()).isEqualTo("PlaceOrderRequest");
  }

  @Test
  void schema_everyObjectLevel_refusesAdditionalProperties() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    collectObjectSchemas(JSON.readTree(ApiSchemas.placeOrderRequest()), objects);

    assertThat(objects).hasSize(2);
    assertThat(objects)
        .allSatisfy(o -> assertThat(o.path("additionalProperties").isBoolean()).isTrue())
        .allSatisfy(o -> assertThat(o.path("additionalProperties").asBoolean()).isFalse());
  }

  @Test
  void schema_samplePlaceOrderBody_isValid() {
    String body = EventLoader.loadApiGatewayRestEvent("samples/place-order.json").getBody();

    assertThat(problems(body)).isEmpty();
  }

  @ParameterizedTest(name = "{2} in {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "currency":"EUR"                 | "currency":"EUR","coupon":"X"        | coupon
          "quantity":2                     | "quantity":2,"unitPrice":1          | unitPrice
          "customerId":"c-1",              | ''                                  | customerId
          "customerId":"c-1"               | "customerId":7                      | /customerId
          "customerId":"c-1"               | "customerId":"c 1"                  | /customerId
          "customerId":"c-1"               | "customerId":"c-1\\n"               | /customerId
          "EUR"                            | "eur"                               | /currency
          "EUR"                            | "EUR\\n"                            | /currency
          "SKU-001"                        | " \\t"                              | /lines/0/sku
          "quantity":2                     | "quantity":2.0                      | /lines/0/quantity
          "quantity":2                     | "quantity":"2"                      | /lines/0/quantity
          "quantity":2                     | "quantity":1001                     | /lines/0/quantity
          "quantity":2                     | "quantity":0                        | /lines/0/quantity
          "lines":[{"sku":"SKU-001","quantity":2}] | "lines":[]                   | /lines
          """)
  void schema_bodyTheFunctionRefuses_isInvalidNamingTheField(
      String valid, String invalid, String field) {
    String body = VALID.replace(valid, invalid);

    assertThat(body).isNotEqualTo(VALID);
    assertThat(problems(body)).isNotEmpty().allSatisfy(p -> assertThat(p).contains(field));
  }

  @Test
  void schema_customerIdOf64AndSkuOf64CodePoints_areValid() {
    String body =
        VALID.replace("c-1", "c".repeat(64)).replace("SKU-001", "\uD83D\uDE00".repeat(64));

    assertThat(problems(body)).isEmpty();
  }

  @Test
  void schema_repeatedSku_isValidForTheFunctionToRefuse() {
    String body = VALID.replace("}]", "},{\"sku\":\"SKU-001\",\"quantity\":1}]");

    assertThat(problems(body)).isEmpty();
  }

  private static List<String> problems(String body) {
    return SCHEMA.validate(body, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private static void collectObjectSchemas(JsonNode schema, List<JsonNode> found) {
    if ("object".equals(schema.path("type").asText())) {
      found.add(schema);
    }
    schema.path("properties").forEach(property -> collectObjectSchemas(property, found));
    if (schema.has("items")) {
      collectObjectSchemas(schema.get("items"), found);
    }
  }
}
