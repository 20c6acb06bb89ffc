package dev.idem.local.provision;

import dev.idem.local.template.PhysicalIds;
import dev.idem.local.template.TableSpec;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Creates a DynamoDB table from its spec: keys, indexes, billing, stream, then TTL. */
final class TableProvisioner implements ResourceProvisioner<TableSpec> {

  private static final TableSpec.Throughput DEFAULT_THROUGHPUT = new TableSpec.Throughput(5, 5);

  private final DynamoDbClient dynamoDb;

  TableProvisioner(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  /** Creates the table (or takes the existing one), waits until it is active, sets its TTL. */
  @Override
  public void create(TableSpec table, PhysicalIds ids) {
    TableDescription created = active(table);
    ids.putAtt(table.logicalId(), "Arn", created.tableArn());
    if (created.latestStreamArn() != null) {
      ids.putAtt(table.logicalId(), "StreamArn", created.latestStreamArn());
    }
  }

  private TableDescription active(TableSpec table) {
    try {
      dynamoDb.createTable(request(table));
    } catch (ResourceInUseException e) {
      // Already there (a persistent backend, a second run): take it as it is.
    }
    TableDescription description =
        dynamoDb
            .waiter()
            .waitUntilTableExists(r -> r.tableName(table.name()))
            .matched()
            .response()
            .orElseThrow(
                () -> new IllegalStateException("Table " + table.name() + " did not become active"))
            .table();
    if (table.ttlAttribute() != null && !ttlEnabled(table)) {
      dynamoDb.updateTimeToLive(r ->
          r.tableName(table.name())
              .timeToLiveSpecification(t -> t.attributeName(table.ttlAttribute()).enabled(true)));
    }
    return description;
  }

  private boolean ttlEnabled(TableSpec table) {
    var ttl = dynamoDb.describeTimeToLive(r -> r.tableName(table.name())).timeToLiveDescription();
    return "ENABLED".equals(ttl.timeToLiveStatusAsString())
        && table.ttlAttribute().equals(ttl.attributeName());
  }

  private static CreateTableRequest request(TableSpec table) {
    boolean provisioned = !"PAY_PER_REQUEST".equals(table.billingMode());
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(table.name())
            .attributeDefinitions(
                table.attributes().stream()
                    .map(a ->
                        AttributeDefinition.builder()
                            .attributeName(a.name())
                            .attributeType(a.type())
                            .build())
                    .toList())
            .keySchema(keys(table.keySchema()))
            .billingMode(provisioned ? "PROVISIONED" : "PAY_PER_REQUEST");
    if (provisioned) {
      request.provisionedThroughput(throughput(table.throughput()));
    }
    if (!table.globalIndexes().isEmpty()) {
      request.globalSecondaryIndexes(
          table.globalIndexes().stream().map(i -> globalIndex(i, provisioned)).toList());
    }
    if (!table.localIndexes().isEmpty()) {
      request.localSecondaryIndexes(
          table.localIndexes().stream()
              .map(i ->
                  LocalSecondaryIndex.builder()
                      .indexName(i.name())
                      .keySchema(keys(i.keySchema()))
                      .projection(projection(i))
                      .build())
              .toList());
    }
    if (table.streamViewType() != null) {
      request.streamSpecification(
          StreamSpecification.builder()
              .streamEnabled(true)
              .streamViewType(table.streamViewType())
              .build());
    }
    return request.build();
  }

  private static GlobalSecondaryIndex globalIndex(TableSpec.Index index, boolean provisioned) {
    GlobalSecondaryIndex.Builder builder =
        GlobalSecondaryIndex.builder()
            .indexName(index.name())
            .keySchema(keys(index.keySchema()))
            .projection(projection(index));
    if (provisioned) {
      builder.provisionedThroughput(throughput(index.throughput()));
    }
    return builder.build();
  }

  private static Projection projection(TableSpec.Index index) {
    Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
    if (!index.nonKeyAttributes().isEmpty()) {
      projection.nonKeyAttributes(index.nonKeyAttributes());
    }
    return projection.build();
  }

  private static List<KeySchemaElement> keys(List<TableSpec.Key> keys) {
    return keys.stream()
        .map(k ->
            KeySchemaElement.builder().attributeName(k.attribute()).keyType(k.keyType()).build())
        .toList();
  }

  private static ProvisionedThroughput throughput(TableSpec.Throughput throughput) {
    TableSpec.Throughput value = throughput == null ? DEFAULT_THROUGHPUT : throughput;
    return ProvisionedThroughput.builder()
        .readCapacityUnits(value.read())
        .writeCapacityUnits(value.write())
        .build();
  }
}
