package dev.idem.bench.bare;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * One DynamoDB call, chosen by the environment, through a client configured as the functions
 * configure theirs (URL-connection HTTP client, the same timeouts, the standard retry strategy,
 * credentials from the environment, {@code AWS_ENDPOINT_URL} when set).
 *
 * <ul>
 *   <li>{@code BARE_OPERATION}: {@code GetItem} (consistent), {@code BatchGetItem} or {@code
 *       PutItem} (a new item under a fresh key, conditional on its absence, as a claim is)
 *   <li>{@code BARE_TABLE}: the table's name
 *   <li>{@code BARE_KEY}: the partition key's attribute name
 *   <li>{@code BARE_VALUES}: comma-separated key values (GetItem reads the first, BatchGetItem all;
 *       PutItem prefixes its fresh keys with the first)
 * </ul>
 */
public final class BareCall {

  private final DynamoDbClient client;
  private final String operation;
  private final String table;
  private final String key;
  private final List<String> values;

  private BareCall(Map<String, String> env) {
    this.client = client(env);
    this.operation = required(env, "BARE_OPERATION");
    this.table = required(env, "BARE_TABLE");
    this.key = required(env, "BARE_KEY");
    this.values = Arrays.asList(required(env, "BARE_VALUES").split(","));
  }

  /** The call the environment describes. */
  public static BareCall fromEnv(Map<String, String> env) {
    return new BareCall(env);
  }

  /** The partition key's attribute name. */
  public String keyAttribute() {
    return key;
  }

  /**
   * Makes the call.
   *
   * @param keyValue the key to use instead of the configured first value, or null
   * @return how many items it read or wrote
   */
  public int run(String keyValue) {
    String first = keyValue != null ? keyValue : values.get(0);
    return switch (operation) {
      case "GetItem" -> getItem(first);
      case "BatchGetItem" -> batchGetItem();
      case "PutItem" -> putItem(first + "#" + UUID.randomUUID());
      default -> throw new IllegalStateException("BARE_OPERATION " + operation + " is unknown");
    };
  }

  private int getItem(String value) {
    return client
            .getItem(r -> r.tableName(table).key(Map.of(key, s(value))).consistentRead(true))
            .hasItem()
        ? 1
        : 0;
  }

  private int batchGetItem() {
    List<Map<String, AttributeValue>> keys = values.stream().map(v -> Map.of(key, s(v))).toList();
    return client
        .batchGetItem(
            r -> r.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).build())))
        .responses()
        .getOrDefault(table, List.of())
        .size();
  }

  private int putItem(String value) {
    long expiration = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
    client.putItem(r ->
        r.tableName(table)
            .item(
                Map.of(
                    key,
                    s(value),
                    "status",
                    s("IN_PROGRESS"),
                    "expiration",
                    AttributeValue.fromN(Long.toString(expiration))))
            .conditionExpression("attribute_not_exists(#k)")
            .expressionAttributeNames(Map.of("#k", key))
            .returnValues(ReturnValue.ALL_OLD)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    return 1;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static DynamoDbClient client(Map<String, String> env) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(1))
                    .socketTimeout(Duration.ofSeconds(3)))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(Duration.ofSeconds(3))
                    .apiCallTimeout(Duration.ofSeconds(8))
                    .retryStrategy(RetryMode.STANDARD)
                    .build());
    String endpoint = env.get("AWS_ENDPOINT_URL");
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set");
    }
    return value;
  }
}
