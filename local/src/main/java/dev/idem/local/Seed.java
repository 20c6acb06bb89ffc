package dev.idem.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.template.StackSpec;
import dev.idem.local.template.TableSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seed data: items written to the template's tables at start, from a JSON file of the form {@code
 * {"tables": {"<LogicalTableId>": [ {plain JSON attributes} ... ]}}} (the repository's {@code
 * seed/catalog.json}). Strings become S, numbers N, booleans BOOL, null NULL, arrays L and objects
 * M.
 *
 * @param items the items per table logical id, in file order
 */
record Seed(Map<String, List<Map<String, AttributeValue>>> items) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a seed file.
   *
   * @throws IllegalArgumentException when it is not of the form above
   * @throws UncheckedIOException when it cannot be read
   */
  static Seed read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the seed file " + file, e);
    }
    JsonNode tables = root == null ? null : root.get("tables");
    if (tables == null || !tables.isObject()) {
      throw new IllegalArgumentException(
          "Seed file " + file + ": expected {\"tables\": {\"<LogicalTableId>\": [items]}}");
    }
    Map<String, List<Map<String, AttributeValue>>> items = new LinkedHashMap<>();
    tables.properties().forEach(table -> items.put(table.getKey(), items(file, table.getValue())));
    return new Seed(items);
  }

  /**
   * Writes every item (PutItem, tables in parallel) and returns what was written.
   *
   * @throws IllegalArgumentException when a logical id names no table of the stack
   */
  Summary write(StackSpec stack, DynamoDbClient dynamoDb) {
    Map<String, TableSpec> tables = new LinkedHashMap<>();
    items.keySet().forEach(id -> tables.put(id, table(stack, id)));
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writes = new ArrayList<>();
      items.forEach((id, list) ->
          list.forEach(item ->
              writes.add(
                  executor.submit(() ->
                      dynamoDb.putItem(r -> r.tableName(tables.get(id).name()).item(item))))));
      writes.forEach(Seed::join);
    }
    return summary(tables);
  }

  /**
   * What was seeded.
   *
   * @param counts items per table logical id
   * @param examples the first few key values of the first table (e.g. SKUs)
   */
  record Summary(Map<String, Integer> counts, List<String> examples) {

    /** e.g. {@code seeded CatalogTable 12, InventoryTable 12 (e.g. SKU-001, SKU-002, SKU-003)}. */
    String line() {
      List<String> parts = new ArrayList<>();
      counts.forEach((table, count) -> parts.add(table + " " + count));
      return "seeded "
          + String.join(", ", parts)
          + (examples.isEmpty() ? "" : " (e.g. " + String.join(", ", examples) + ")");
    }
  }

  private Summary summary(Map<String, TableSpec> tables) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    items.forEach((id, list) -> counts.put(id, list.size()));
    List<String> examples = new ArrayList<>();
    items.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .findFirst()
        .ifPresent(e -> {
          String key = tables.get(e.getKey()).keySchema().get(0).attribute();
          e.getValue().stream()
              .limit(3)
              .map(item -> item.get(key))
              .filter(value -> value != null && value.s() != null)
              .forEach(value -> examples.add(value.s()));
        });
    return new Summary(counts, examples);
  }

  private static TableSpec table(StackSpec stack, String logicalId) {
    return stack
        .table(logicalId)
        .orElseThrow(() ->
            new IllegalArgumentException(
                "Seed data for "
                    + logicalId
                    + ", but the template has no such table (tables: "
                    + stack.tables().stream().map(TableSpec::logicalId).toList()
                    + ")"));
  }

  private static List<Map<String, AttributeValue>> items(Path file, JsonNode list) {
    if (!list.isArray()) {
      throw new IllegalArgumentException("Seed file " + file + ": each table holds an array");
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isObject()) {
        throw new IllegalArgumentException("Seed file " + file + ": an item is not an object");
      }
      items.add(value(item).m());
    }
    return items;
  }

  static AttributeValue value(JsonNode node) {
    if (node.isObject()) {
      Map<String, AttributeValue> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
      return AttributeValue.fromM(map);
    }
    if (node.isArray()) {
      List<AttributeValue> list = new ArrayList<>();
      node.forEach(element -> list.add(value(element)));
      return AttributeValue.fromL(list);
    }
    if (node.isNumber()) {
      return AttributeValue.fromN(node.asText());
    }
    if (node.isBoolean()) {
      return AttributeValue.fromBool(node.asBoolean());
    }
    return node.isNull() ? AttributeValue.fromNul(true) : AttributeValue.fromS(node.asText());
  }

  private static void join(Future<?> write) {
    try {
      write.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while seeding", e);
    }
  }
}
