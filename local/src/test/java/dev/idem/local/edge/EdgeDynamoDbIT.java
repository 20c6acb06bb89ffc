package dev.idem.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.aws.AwsClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB and DynamoDB Streams through the edge port, with the real SDK clients. */
@ExtendWith(LocalAwsExtension.class)
class EdgeDynamoDbIT {

  private static final String TABLE = "edge-ddb-it";

  @BeforeAll
  static void createTable(LocalAws aws) {
    aws.clients()
        .dynamoDb()
        .createTable(r ->
            r.tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                    AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType("HASH").build())
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
  }

  private static Map<String, AttributeValue> item(String id, String value) {
    return Map.of("id", AttributeValue.fromS(id), "value", AttributeValue.fromS(value));
  }

  @Test
  void dynamoDbClient_putGetScan_roundTripThroughEdge(LocalAws aws) {
    DynamoDbClient dynamoDb = aws.clients().dynamoDb();

    dynamoDb.putItem(r -> r.tableName(TABLE).item(item("a", "1")));
    dynamoDb.putItem(r -> r.tableName(TABLE).item(item("b", "2")));

    assertThat(
            dynamoDb
                .getItem(r -> r.tableName(TABLE).key(Map.of("id", AttributeValue.fromS("a"))))
                .item())
        .isEqualTo(item("a", "1"));
    assertThat(dynamoDb.scan(r -> r.tableName(TABLE)).items())
        .contains(item("a", "1"), item("b", "2"));
  }

  @Test
  void streamsClient_describeAndGetRecords_seesTheInsert(LocalAws aws) {
    aws.clients().dynamoDb().putItem(r -> r.tableName(TABLE).item(item("streamed", "x")));
    String streamArn =
        aws.clients().dynamoDb().describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
    DynamoDbStreamsClient streams = aws.clients().streams();

    var shards = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards();
    String iterator =
        streams
            .getShardIterator(r ->
                r.streamArn(streamArn)
                    .shardId(shards.get(0).shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<Record> records = streams.getRecords(r -> r.shardIterator(iterator)).records();

    assertThat(records)
        .anySatisfy(record -> {
          assertThat(record.eventNameAsString()).isEqualTo("INSERT");
          assertThat(record.dynamodb().newImage())
              .containsEntry("id", AttributeValue.fromS("streamed"));
        });
  }

  @Test
  void dynamoDbClient_otherCredentialsAndRegion_seeTheSameTables(LocalAws aws) {
    try (AwsClients other =
        AwsClients.create(
            aws.edgeUrl(),
            Region.EU_WEST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("someone", "else")))) {
      assertThat(other.dynamoDb().listTables().tableNames()).contains(TABLE);
      other.dynamoDb().putItem(r -> r.tableName(TABLE).item(item("from-eu", "y")));
    }

    assertThat(
            aws.clients()
                .dynamoDb()
                .getItem(r -> r.tableName(TABLE).key(Map.of("id", AttributeValue.fromS("from-eu"))))
                .hasItem())
        .isTrue();
  }
}
