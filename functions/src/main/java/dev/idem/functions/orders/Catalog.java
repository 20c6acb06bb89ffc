package dev.idem.functions.orders;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads prices from the Catalog table: one consistent BatchGetItem per order. Thread-safe. */
public final class Catalog {

  /** Rounds for keys DynamoDB leaves unprocessed (under throttling) before giving up. */
  static final int MAX_ROUNDS = 4;

  private static final Duration BASE_BACKOFF = Duration.ofMillis(20);
  private static final String UNIT_PRICE = "unitPrice";

  private final DynamoDbClient dynamo;
  private final String table;

  /** The catalog in {@code table}. */
  public Catalog(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * The entries of {@code skus} that exist, by SKU; at most 100 distinct SKUs (the BatchGetItem
   * limit).
   *
   * @throws CatalogUnavailableException if DynamoDB keeps leaving keys unprocessed
   * @throws software.amazon.awssdk.core.exception.SdkException if a call fails after the client's
   *     retries
   */
  public Map<String, CatalogItem> find(List<String> skus) {
    Map<String, CatalogItem> found = new HashMap<>();
    KeysAndAttributes request = request(skus);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      KeysAndAttributes keys = request;
      BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(Map.of(table, keys)));
      response.responses().getOrDefault(table, List.of()).forEach(item -> add(found, item));
      KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
      if (unprocessed == null || unprocessed.keys().isEmpty()) {
        return found;
      }
      request = request.toBuilder().keys(unprocessed.keys()).build();
      backOff(round);
    }
    throw new CatalogUnavailableException(
        "DynamoDB left catalog keys unprocessed in " + MAX_ROUNDS + " rounds");
  }

  private static KeysAndAttributes request(List<String> skus) {
    return KeysAndAttributes.builder()
        .keys(
            new LinkedHashSet<>(skus)
                .stream().map(sku -> Map.of(OrderItems.SKU, AttributeValue.fromS(sku))).toList())
        .consistentRead(true)
        .projectionExpression("#sku, #price, #currency")
        .expressionAttributeNames(
            Map.of("#sku", OrderItems.SKU, "#price", UNIT_PRICE, "#currency", OrderItems.CURRENCY))
        .build();
  }

  private static void add(Map<String, CatalogItem> found, Map<String, AttributeValue> item) {
    String sku = item.get(OrderItems.SKU).s();
    long unitPrice = Long.parseLong(item.get(UNIT_PRICE).n());
    found.put(sku, new CatalogItem(sku, unitPrice, item.get(OrderItems.CURRENCY).s()));
  }

  /** Exponential backoff with full jitter, as AWS advises for unprocessed keys. */
  private static void backOff(int round) {
    long cap = BASE_BACKOFF.toMillis() << round;
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogUnavailableException("Interrupted while reading the catalog");
    }
  }
}
