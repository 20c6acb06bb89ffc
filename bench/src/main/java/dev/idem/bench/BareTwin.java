package dev.idem.bench;

import dev.idem.bench.bare.BareApiHandler;
import dev.idem.bench.bare.BareCall;
import dev.idem.bench.bare.BareSqsHandler;
import dev.idem.bench.bare.BareStreamHandler;
import dev.idem.local.lambda.FunctionDefinition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bare handler as a function: an event type and one DynamoDB call (see {@link BareCall}), the
 * baseline of the functions that take that event type and make that call first.
 *
 * @param name its function name
 * @param handler the bare handler class
 * @param operation the DynamoDB operation
 * @param table the logical id of the table it calls
 * @param key the table's partition key attribute
 * @param values the key values of the call
 */
record BareTwin(
    String name, Class<?> handler, String operation, String table, String key, String values) {

  /** PlaceOrder's first call: single-transaction mode prices the order before any claim. */
  static final BareTwin CATALOG_READ =
      new BareTwin(
          "BareApiCatalogRead",
          BareApiHandler.class,
          "BatchGetItem",
          "CatalogTable",
          "sku",
          "SKU-001,SKU-002");

  /** GetOrder's only call; the key comes from the request's {@code orderId} path parameter. */
  static final BareTwin ORDER_READ =
      new BareTwin(
          "BareApiOrderRead",
          BareApiHandler.class,
          "GetItem",
          "OrdersTable",
          "orderId",
          SampleEvents.SAMPLE_ORDER_ID);

  /** The relay's first call: the idempotency claim of its first record, a conditional PutItem. */
  static final BareTwin STREAM_CLAIM =
      new BareTwin(
          "BareStreamClaim", BareStreamHandler.class, "PutItem", "IdempotencyTable", "id", "bare");

  /** The queue consumers' first call: the claim of their first message. */
  static final BareTwin SQS_CLAIM =
      new BareTwin(
          "BareSqsClaim", BareSqsHandler.class, "PutItem", "IdempotencyTable", "id", "bare");

  /** The classes the bare jar must hold. */
  static final List<Class<?>> CLASSES =
      List.of(BareCall.class, BareApiHandler.class, BareSqsHandler.class, BareStreamHandler.class);

  /**
   * The twin of {@code function}: its memory, timeout, concurrency and environment, the bare
   * handler from {@code bareJar}, the call on the table named {@code tableName}.
   */
  FunctionDefinition definition(FunctionDefinition function, Path bareJar, String tableName) {
    Map<String, String> env = new LinkedHashMap<>(function.environment());
    env.put("BARE_OPERATION", operation);
    env.put("BARE_TABLE", tableName);
    env.put("BARE_KEY", key);
    env.put("BARE_VALUES", values);
    return new FunctionDefinition(
        name,
        handler.getName() + "::handleRequest",
        bareJar,
        function.memoryMb(),
        function.timeout(),
        env,
        function.concurrencyLimit());
  }
}
