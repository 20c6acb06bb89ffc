package dev.idem.local.sources;

import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.LocalAccount;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A table with a {@code pk} string key and a NEW_AND_OLD_IMAGES stream, on DynamoDB Local. */
public final class StreamTable implements AutoCloseable {

  private final DynamoDbClient dynamo;
  private final String name;
  private final String streamArn;

  private StreamTable(DynamoDbClient dynamo, String name, String streamArn) {
    this.dynamo = dynamo;
    this.name = name;
    this.streamArn = streamArn;
  }

  public static StreamTable create(DynamoDbClient dynamo, String name) {
    String streamArn =
        dynamo
            .createTable(r ->
                r.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(
                        KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build())
                    .streamSpecification(s ->
                        s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
            .tableDescription()
            .latestStreamArn();
    return new StreamTable(dynamo, name, streamArn);
  }

  public static DynamoDbStreamsClient streamsClient(DynamoDbLocal db) {
    return DynamoDbStreamsClient.builder()
        .endpointOverride(db.endpoint())
        .region(LocalAccount.SDK_REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public String streamArn() {
    return streamArn;
  }

  public void put(String... keys) {
    for (String key : keys) {
      dynamo.putItem(r ->
          r.tableName(name)
              .item(
                  Map.of(
                      "pk", AttributeValue.fromS(key),
                      "n", AttributeValue.fromN("1"))));
    }
  }

  @Override
  public void close() {
    dynamo.deleteTable(r -> r.tableName(name));
  }
}
