package dev.idem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The seed file's items ({@code {"tables":{"<logical id>":[{...}, ...]}}}) as DynamoDB items:
 * strings become S, numbers N, booleans BOOL, arrays L and objects M.
 */
final class SeedData {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SeedData() {}

  /** The items per logical table id, in the file's order. */
  static Map<String, List<Map<String, AttributeValue>>> read(String json) {
    try {
      Map<String, List<Map<String, AttributeValue>>> tables = new LinkedHashMap<>();
      JSON.readTree(json)
          .path("tables")
          .properties()
          .forEach(table -> tables.put(table.getKey(), items(table.getValue())));
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException("The seed data is not valid JSON", e);
    }
  }

  /**
   * Puts every item of {@code file} into the table {@code tableName} names for its logical id.
   *
   * @return how many items were put
   */
  static int load(Path file, DynamoDbClient client, Function<String, String> tableName)
      throws IOException {
    int count = 0;
    for (var table : read(java.nio.file.Files.readString(file)).entrySet()) {
      String name = tableName.apply(table.getKey());
      for (Map<String, AttributeValue> item : table.getValue()) {
        client.putItem(r -> r.tableName(name).item(item));
        count++;
      }
    }
    return count;
  }

  private static List<Map<String, AttributeValue>> items(JsonNode array) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    array.forEach(item -> items.add(attributes(item)));
    return items;
  }

  private static Map<String, AttributeValue> attributes(JsonNode object) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    object.properties().forEach(field -> attributes.put(field.getKey(), value(field.getValue())));
    return attributes;
  }

  static AttributeValue value(JsonNode node) {
    if (node.isTextual()) {
      return AttributeValue.fromS(node.asText());
    }
    if (node.isNumber()) {
      return AttributeValue.fromN(node.decimalValue().toPlainString());
    }
    if (node.isBoolean()) {
      return AttributeValue.fromBool(node.booleanValue());
    }
    if (node.isArray()) {
      List<AttributeValue> list = new ArrayList<>();
      node.forEach(element -> list.add(value(element)));
      return AttributeValue.fromL(list);
    }
    if (node.isObject()) {
      return AttributeValue.fromM(attributes(node));
    }
    return AttributeValue.fromNul(true);
  }
}
