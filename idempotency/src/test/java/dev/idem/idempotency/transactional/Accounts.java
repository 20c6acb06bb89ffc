package dev.idem.idempotency.transactional;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A business table for the transactional tests: accounts with a balance, and ledger entries. Its
 * writes carry the conditions a real handler would (no overdraft, no entry written twice).
 */
final class Accounts {

  private final DynamoDbClient client;
  private final String table;

  private Accounts(DynamoDbClient client, String table) {
    this.client = client;
    this.table = table;
  }

  /** Creates the table and waits until it is active. */
  static Accounts create(DynamoDbClient client, String table) {
    client.createTable(r ->
        r.tableName(table)
            .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
            .attributeDefinitions(
                AttributeDefinition.builder()
                    .attributeName("id")
                    .attributeType(ScalarAttributeType.S)
                    .build())
            .billingMode(BillingMode.PAY_PER_REQUEST));
    client.waiter().waitUntilTableExists(r -> r.tableName(table));
    return new Accounts(client, table);
  }

  void drop() {
    client.deleteTable(r -> r.tableName(table));
  }

  void open(String account, long balance) {
    client.putItem(r -> r.tableName(table).item(Map.of("id", s(account), "balance", n(balance))));
  }

  long balance(String account) {
    return Long.parseLong(item(account).orElseThrow().get("balance").n());
  }

  boolean exists(String id) {
    return item(id).isPresent();
  }

  /** Takes {@code amount} from the account unless that would overdraw it. */
  Update debit(String account, long amount) {
    return Update.builder()
        .tableName(table)
        .key(Map.of("id", s(account)))
        .updateExpression("SET balance = balance - :amount")
        .conditionExpression("balance >= :amount")
        .expressionAttributeValues(Map.of(":amount", n(amount)))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /** Adds {@code amount} to the account. */
  Update credit(String account, long amount) {
    return Update.builder()
        .tableName(table)
        .key(Map.of("id", s(account)))
        .updateExpression("SET balance = balance + :amount")
        .expressionAttributeValues(Map.of(":amount", n(amount)))
        .build();
  }

  /** Records a ledger entry, which must not exist yet. */
  Put entry(String entry, String account, long amount) {
    return Put.builder()
        .tableName(table)
        .item(Map.of("id", s(entry), "account", s(account), "amount", n(amount)))
        .conditionExpression("attribute_not_exists(id)")
        .build();
  }

  private Optional<Map<String, AttributeValue>> item(String id) {
    var response =
        client.getItem(r -> r.tableName(table).key(Map.of("id", s(id))).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
