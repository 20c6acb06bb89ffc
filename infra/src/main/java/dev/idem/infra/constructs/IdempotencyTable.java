package dev.idem.infra.constructs;

import dev.idem.idempotency.dynamodb.IdempotencyTableSchema;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The idempotency library's table: on-demand, TTL on the record expiry, point-in-time recovery,
 * encrypted, with the attribute names of {@link IdempotencyTableSchema} (the library's one
 * definition of them).
 *
 * <p>{@link #grantIdempotency} gives a function exactly the item actions the library's store uses,
 * on this table only.
 *
 * {@snippet :
 * IdempotencyTable idempotency =
 *     new IdempotencyTable(this, "Idempotency", IdempotencyTableProps.builder().build());
 * idempotency.grantIdempotency(myFunction, false); // GetItem, PutItem, UpdateItem, DeleteItem
 * }
 */
public final class IdempotencyTable extends Construct {

  /** The item actions the library's store calls: claim, read, complete, release. */
  public static final List<String> RECORD_ACTIONS =
      List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");

  /**
   * Added for transactional modes: a transaction authorises each of its items by that item's
   * action, and a condition check on a record is its own action.
   */
  public static final String TRANSACTION_ACTION = "dynamodb:ConditionCheckItem";

  /** What a customer-managed key must allow a function whose items it encrypts. */
  static final List<String> KEY_ACTIONS =
      List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");

  private final Table table;
  private final IdempotencyTableSchema schema;
  private final IKey encryptionKey;

  /**
   * Creates the table.
   *
   * @param props the settings; {@code IdempotencyTableProps.builder().build()} for the defaults
   */
  public IdempotencyTable(Construct scope, String id, IdempotencyTableProps props) {
    super(scope, id);
    this.schema = props.schema();
    this.encryptionKey = props.encryptionKey();
    this.table =
        Table.Builder.create(this, "Table")
            .partitionKey(stringAttribute(schema.partitionKey()))
            .sortKey(schema.isComposite() ? stringAttribute(schema.sortKey()) : null)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .timeToLiveAttribute(schema.expiration())
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .encryption(
                encryptionKey == null
                    ? TableEncryption.AWS_MANAGED
                    : TableEncryption.CUSTOMER_MANAGED)
            .encryptionKey(encryptionKey)
            .deletionProtection(props.deletionProtection())
            .removalPolicy(props.removalPolicy())
            .tableName(props.tableName())
            .build();
  }

  /**
   * Grants {@code grantee} the library's record actions on this table ({@link #RECORD_ACTIONS}),
   * plus {@link #TRANSACTION_ACTION} when {@code transactional}, and nothing on any other resource
   * (with a customer-managed key: also {@code kms:Decrypt}, {@code kms:Encrypt} and {@code
   * kms:GenerateDataKey} on that key).
   *
   * @param transactional whether the function writes records inside transactions that condition
   *     checks on this table
   */
  public Grant grantIdempotency(IGrantable grantee, boolean transactional) {
    List<String> actions = new ArrayList<>(RECORD_ACTIONS);
    if (transactional) {
      actions.add(TRANSACTION_ACTION);
    }
    Grant grant =
        Grant.addToPrincipal(
            GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(List.of(table.getTableArn()))
                .build());
    return encryptionKey == null
        ? grant
        : grant.combine(encryptionKey.grant(grantee, KEY_ACTIONS.toArray(String[]::new)));
  }

  /** The table. */
  public ITable table() {
    return table;
  }

  /** The table's name (a token until deployment). */
  public String tableName() {
    return table.getTableName();
  }

  /** The attribute names the table was built with. */
  public IdempotencyTableSchema schema() {
    return schema;
  }

  private static Attribute stringAttribute(String name) {
    return Attribute.builder().name(name).type(AttributeType.STRING).build();
  }
}
