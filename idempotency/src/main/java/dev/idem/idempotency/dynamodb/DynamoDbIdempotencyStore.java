package dev.idem.idempotency.dynamodb;

import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotencyStoreException;
import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.StoredResponse;
import dev.idem.idempotency.spi.TransactionalIdempotencyStore;
import dev.idem.idempotency.spi.WriteRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Keeps idempotency records in a DynamoDB table.
 *
 * <p>A claim is one conditional {@code PutItem}: it succeeds when no live record exists, and when
 * it is refused DynamoDB returns the existing record in the same round trip ({@code
 * ReturnValuesOnConditionCheckFailure=ALL_OLD}). Completion and release are conditional on the
 * holder's lease token. Expiry is judged in the conditions from the caller's clock, never left to
 * DynamoDB TTL, which deletes expired items up to days late.
 *
 * {@snippet :
 * DynamoDbIdempotencyStore store =
 *     DynamoDbIdempotencyStore.builder().client(dynamo).tableName("idempotency").build();
 * }
 *
 * <p>The function needs {@code dynamodb:PutItem}, {@code UpdateItem}, {@code DeleteItem} and {@code
 * GetItem} on the table; the transactional modes also need the actions their writes use.
 */
public final class DynamoDbIdempotencyStore implements TransactionalIdempotencyStore {

  private static final String TX_CONDITION_FAILED = "ConditionalCheckFailed";

  private final DynamoDbClient client;
  private final String tableName;
  private final IdempotencyTableSchema schema;
  private final RecordMapper mapper;
  private final Expressions expressions;

  private DynamoDbIdempotencyStore(Builder builder) {
    this.client = builder.client;
    this.tableName = builder.tableName;
    this.schema = builder.schema;
    this.mapper = new RecordMapper(schema, tableName);
    this.expressions = new Expressions(schema, mapper.idAttribute());
  }

  /** A builder; {@link Builder#client} and {@link Builder#tableName} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The table's name. */
  public String tableName() {
    return tableName;
  }

  /** The table's attribute names. */
  public IdempotencyTableSchema schema() {
    return schema;
  }

  @Override
  public ClaimResult claim(ClaimRequest claim) {
    try {
      PutItemResponse response =
          call(
              "PutItem",
              () ->
                  client.putItem(r ->
                      r.tableName(tableName)
                          .item(mapper.inProgressItem(claim.toRecord()))
                          .conditionExpression(expressions.claimCondition())
                          .expressionAttributeNames(expressions.claimNames())
                          .expressionAttributeValues(expressions.claimValues(claim.now()))
                          .returnValues(ReturnValue.ALL_OLD)
                          .returnValuesOnConditionCheckFailure(
                              ReturnValuesOnConditionCheckFailure.ALL_OLD)));
      // The replaced item was claimable; whatever else it held, only its status matters here.
      return new ClaimResult.Claimed(mapper.isInProgress(response.attributes()));
    } catch (ConditionalCheckFailedException e) {
      return new ClaimResult.Existing(mapper.toRecord(e.item()));
    }
  }

  @Override
  public boolean complete(Completion completion) {
    StoredResponse data = StoredResponse.encode(completion.response());
    try {
      call(
          "UpdateItem",
          () ->
              client.updateItem(r ->
                  r.tableName(tableName)
                      .key(mapper.key(completion.id()))
                      .updateExpression(expressions.completeUpdate())
                      .conditionExpression(expressions.leaseCondition())
                      .expressionAttributeNames(expressions.completeNames())
                      .expressionAttributeValues(
                          expressions.completeValues(completion, mapper.data(data)))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean release(String id, String leaseToken) {
    try {
      call(
          "DeleteItem",
          () ->
              client.deleteItem(r ->
                  r.tableName(tableName)
                      .key(mapper.key(id))
                      .conditionExpression(expressions.leaseCondition())
                      .expressionAttributeNames(expressions.leaseNames())
                      .expressionAttributeValues(expressions.leaseValues(leaseToken))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public Optional<IdempotencyRecord> get(String id) {
    Map<String, AttributeValue> item =
        call(
                "GetItem",
                () ->
                    client.getItem(
                        r -> r.tableName(tableName).key(mapper.key(id)).consistentRead(true)))
            .item();
    return Optional.ofNullable(mapper.toRecord(item));
  }

  /** Warms the SDK client (marshallers, signer, connection) with one read of an absent key. */
  @Override
  public void prime() {
    get("idem#prime");
  }

  @Override
  public boolean complete(Completion completion, List<TransactWriteItem> writes) {
    StoredResponse data = StoredResponse.encode(completion.response());
    Update update =
        Update.builder()
            .tableName(tableName)
            .key(mapper.key(completion.id()))
            .updateExpression(expressions.completeUpdate())
            .conditionExpression(expressions.leaseCondition())
            .expressionAttributeNames(expressions.completeNames())
            .expressionAttributeValues(expressions.completeValues(completion, mapper.data(data)))
            .build();
    List<CancellationReason> reasons =
        transact(TransactWriteItem.builder().update(update).build(), writes);
    if (reasons.isEmpty()) {
      return true;
    }
    if (failedCondition(reasons.get(0))) {
      return false;
    }
    throw effectFailure(reasons);
  }

  @Override
  public ClaimResult claimCompleted(
      ClaimRequest claim, Completion completion, List<TransactWriteItem> writes) {
    StoredResponse data = StoredResponse.encode(completion.response());
    Put put =
        Put.builder()
            .tableName(tableName)
            .item(mapper.completedItem(completion.toRecord(), data))
            .conditionExpression(expressions.claimCondition())
            .expressionAttributeNames(expressions.claimNames())
            .expressionAttributeValues(expressions.claimValues(claim.now()))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    List<CancellationReason> reasons =
        transact(TransactWriteItem.builder().put(put).build(), writes);
    if (reasons.isEmpty()) {
      return new ClaimResult.Claimed(false);
    }
    if (failedCondition(reasons.get(0))) {
      return new ClaimResult.Existing(mapper.toRecord(reasons.get(0).item()));
    }
    throw effectFailure(reasons);
  }

  /** Runs the record's write and the work's writes as one transaction; empty when it committed. */
  private List<CancellationReason> transact(
      TransactWriteItem record, List<TransactWriteItem> writes) {
    List<TransactWriteItem> items = new ArrayList<>(writes.size() + 1);
    items.add(record);
    items.addAll(writes);
    try {
      call("TransactWriteItems", () -> client.transactWriteItems(r -> r.transactItems(items)));
      return List.of();
    } catch (TransactionCanceledException e) {
      if (!e.hasCancellationReasons() || e.cancellationReasons().size() != items.size()) {
        throw storeFailure("TransactWriteItems", e);
      }
      return e.cancellationReasons();
    }
  }

  /** The work's first failed condition; or, for any other cancellation, a store failure. */
  private RuntimeException effectFailure(List<CancellationReason> reasons) {
    for (int i = 1; i < reasons.size(); i++) {
      if (failedCondition(reasons.get(i))) {
        return new WriteRejectedException(i - 1, reasons.get(i).item());
      }
    }
    return new IdempotencyStoreException(
        "The transaction on table "
            + tableName
            + " was cancelled ("
            + reasonCodes(reasons)
            + "); nothing was written, a retry is safe",
        null);
  }

  private static boolean failedCondition(CancellationReason reason) {
    return TX_CONDITION_FAILED.equals(reason.code());
  }

  private static String reasonCodes(List<CancellationReason> reasons) {
    return reasons.stream().map(r -> String.valueOf(r.code())).toList().toString();
  }

  private <T> T call(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
      throw e;
    } catch (SdkException e) {
      throw storeFailure(operation, e);
    }
  }

  private IdempotencyStoreException storeFailure(String operation, Exception e) {
    return new IdempotencyStoreException(
        operation
            + " on idempotency table "
            + tableName
            + " failed: "
            + e.getMessage()
            + ". Check that the table exists with the expected key and that the function may"
            + " call "
            + operation
            + " on it",
        e);
  }

  /** Builds a {@link DynamoDbIdempotencyStore}. */
  public static final class Builder {
    private DynamoDbClient client;
    private String tableName;
    private IdempotencyTableSchema schema = IdempotencyTableSchema.defaults();

    private Builder() {}

    /**
     * The client to call DynamoDB with. Required. The caller owns it: build it once per container
     * with explicit timeouts and retries, and share it.
     */
    public Builder client(DynamoDbClient client) {
      this.client = client;
      return this;
    }

    /** The table's name. Required. */
    public Builder tableName(String tableName) {
      this.tableName = tableName;
      return this;
    }

    /** The table's attribute names. Default: {@link IdempotencyTableSchema#defaults()}. */
    public Builder schema(IdempotencyTableSchema schema) {
      this.schema = schema;
      return this;
    }

    /**
     * Builds the store.
     *
     * @throws IdempotencyConfigurationException if the client or table name is missing
     */
    public DynamoDbIdempotencyStore build() {
      if (client == null) {
        throw new IdempotencyConfigurationException("client is required: pass a DynamoDbClient");
      }
      if (tableName == null || tableName.isBlank()) {
        throw new IdempotencyConfigurationException(
            "tableName is required: pass the idempotency table's name");
      }
      Objects.requireNonNull(schema, "schema");
      return new DynamoDbIdempotencyStore(this);
    }
  }
}
