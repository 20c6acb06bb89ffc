package dev.idem.local.template;

import java.util.List;

/**
 * A DynamoDB table ({@code AWS::DynamoDB::Table} or {@code AWS::Serverless::SimpleTable}).
 *
 * @param logicalId its logical id
 * @param name its {@code TableName}, or the logical id
 * @param attributes its attribute definitions
 * @param keySchema its key: the HASH element, then the RANGE element if any
 * @param billingMode {@code PAY_PER_REQUEST} or {@code PROVISIONED}
 * @param throughput provisioned capacity, or null on demand
 * @param globalIndexes its global secondary indexes
 * @param localIndexes its local secondary indexes
 * @param streamViewType e.g. {@code NEW_AND_OLD_IMAGES}, or null without a stream
 * @param ttlAttribute the TTL attribute when TTL is enabled, or null
 */
public record TableSpec(
    String logicalId,
    String name,
    List<Attribute> attributes,
    List<Key> keySchema,
    String billingMode,
    Throughput throughput,
    List<Index> globalIndexes,
    List<Index> localIndexes,
    String streamViewType,
    String ttlAttribute)
    implements ProvisionedSpec {

  @Override
  public ResourceKind kind() {
    return ResourceKind.TABLE;
  }

  public TableSpec {
    attributes = List.copyOf(attributes);
    keySchema = List.copyOf(keySchema);
    globalIndexes = List.copyOf(globalIndexes);
    localIndexes = List.copyOf(localIndexes);
  }

  /** An attribute definition: {@code type} is S, N or B. */
  public record Attribute(String name, String type) {}

  /** A key element: {@code keyType} is HASH or RANGE. */
  public record Key(String attribute, String keyType) {}

  /** Provisioned read and write capacity units. */
  public record Throughput(long read, long write) {}

  /**
   * A secondary index.
   *
   * @param name its name
   * @param keySchema its key
   * @param projectionType ALL, KEYS_ONLY or INCLUDE
   * @param nonKeyAttributes the attributes INCLUDE projects
   * @param throughput provisioned capacity, or null
   */
  public record Index(
      String name,
      List<Key> keySchema,
      String projectionType,
      List<String> nonKeyAttributes,
      Throughput throughput) {

    public Index {
      keySchema = List.copyOf(keySchema);
      nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }
  }
}
