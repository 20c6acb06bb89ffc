package dev.idem.infra.constructs;

import dev.idem.idempotency.dynamodb.IdempotencyTableSchema;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Settings of an {@link IdempotencyTable}. Build with {@link #builder()}; every setting has a
 * default.
 *
 * @param schema the attribute names, the library's own definition
 * @param encryptionKey the customer-managed KMS key, or null for the AWS-managed key
 * @param deletionProtection whether DynamoDB refuses to delete the table
 * @param removalPolicy what CloudFormation does with the table when it leaves the stack
 * @param tableName the physical table name, or null for a generated one
 */
public record IdempotencyTableProps(
    IdempotencyTableSchema schema,
    IKey encryptionKey,
    boolean deletionProtection,
    RemovalPolicy removalPolicy,
    String tableName) {

  public IdempotencyTableProps {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(removalPolicy, "removalPolicy");
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link IdempotencyTableProps}. */
  public static final class Builder {
    private IdempotencyTableSchema schema = IdempotencyTableSchema.defaults();
    private IKey encryptionKey;
    private boolean deletionProtection;
    private RemovalPolicy removalPolicy = RemovalPolicy.DESTROY;
    private String tableName;

    private Builder() {}

    /**
     * The attribute names; the functions must use the same ones.
     *
     * @default {@link IdempotencyTableSchema#defaults()}: key {@code id}, TTL on {@code expiration}
     */
    public Builder schema(IdempotencyTableSchema schema) {
      this.schema = schema;
      return this;
    }

    /**
     * Encrypts the table with this customer-managed key; grants then include the key.
     *
     * @default the AWS-managed key ({@code aws/dynamodb})
     */
    public Builder encryptionKey(IKey encryptionKey) {
      this.encryptionKey = encryptionKey;
      return this;
    }

    /**
     * Whether DynamoDB refuses to delete the table (turn on for production).
     *
     * @default false
     */
    public Builder deletionProtection(boolean deletionProtection) {
      this.deletionProtection = deletionProtection;
      return this;
    }

    /**
     * What CloudFormation does with the table when it leaves the stack. The records only live until
     * their expiry, so losing them costs at most a repeated operation's replay.
     *
     * @default {@link RemovalPolicy#DESTROY}
     */
    public Builder removalPolicy(RemovalPolicy removalPolicy) {
      this.removalPolicy = removalPolicy;
      return this;
    }

    /**
     * A fixed physical name. A fixed name prevents replacing the table and two stacks in one
     * account and region from both having it.
     *
     * @default a name CloudFormation generates
     */
    public Builder tableName(String tableName) {
      this.tableName = tableName;
      return this;
    }

    /** The settings. */
    public IdempotencyTableProps build() {
      return new IdempotencyTableProps(
          schema, encryptionKey, deletionProtection, removalPolicy, tableName);
    }
  }
}
