package dev.idem.local.sources.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.testing.LocalAccount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The DynamoDB stream event Lambda sends. Sources: the Lambda developer guide, "Using AWS Lambda
 * with Amazon DynamoDB" (the example event: {@code eventID}, {@code eventName}, {@code
 * eventVersion}, {@code eventSource}, {@code awsRegion}, {@code dynamodb} with {@code
 * ApproximateCreationDateTime}, {@code Keys}, images, {@code SequenceNumber}, {@code SizeBytes},
 * {@code StreamViewType}, and {@code eventSourceARN}), and LocalStack's AWS-recorded {@code
 * test_lambda_integration_dynamodbstreams.snapshot.json}.
 */
class StreamEventsTest {

  private static final String ARN = LocalAccount.arn("dynamodb", "table/T/stream/x");

  @Test
  void value_everyAttributeType_isWrittenInDynamoDbJson() {
    Map<String, AttributeValue> item =
        Map.of(
            "s", AttributeValue.fromS("text"),
            "n", AttributeValue.fromN("1.5"),
            "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
            "bool", AttributeValue.fromBool(true),
            "null", AttributeValue.fromNul(true),
            "ss", AttributeValue.fromSs(List.of("x", "y")),
            "ns", AttributeValue.fromNs(List.of("1", "2")),
            "bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {4}))),
            "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("v"))),
            "l",
                AttributeValue.fromL(
                    List.of(AttributeValue.fromN("7"), AttributeValue.fromS("z"))));

    JsonNode json = StreamEvents.item(item);

    assertThat(json.path("s").toString()).isEqualTo("{\"S\":\"text\"}");
    assertThat(json.path("n").toString()).isEqualTo("{\"N\":\"1.5\"}");
    assertThat(json.path("b").toString()).isEqualTo("{\"B\":\"AQID\"}");
    assertThat(json.path("bool").toString()).isEqualTo("{\"BOOL\":true}");
    assertThat(json.path("null").toString()).isEqualTo("{\"NULL\":true}");
    assertThat(json.path("ss").toString()).isEqualTo("{\"SS\":[\"x\",\"y\"]}");
    assertThat(json.path("ns").toString()).isEqualTo("{\"NS\":[\"1\",\"2\"]}");
    assertThat(json.path("bs").toString()).isEqualTo("{\"BS\":[\"BA==\"]}");
    assertThat(json.path("m").toString()).isEqualTo("{\"M\":{\"inner\":{\"S\":\"v\"}}}");
    assertThat(json.path("l").toString()).isEqualTo("{\"L\":[{\"N\":\"7\"},{\"S\":\"z\"}]}");
  }

  @Test
  void record_modify_hasBothImagesAndLambdasFieldOrder() {
    Record record =
        Record.builder()
            .eventID("e1")
            .eventName(OperationType.MODIFY)
            .eventVersion("1.1")
            .awsRegion(LocalAccount.REGION)
            .dynamodb(
                StreamRecord.builder()
                    .approximateCreationDateTime(Instant.ofEpochSecond(1_700_000_000L))
                    .keys(Map.of("pk", AttributeValue.fromS("k")))
                    .newImage(
                        Map.of("pk", AttributeValue.fromS("k"), "v", AttributeValue.fromN("2")))
                    .oldImage(
                        Map.of("pk", AttributeValue.fromS("k"), "v", AttributeValue.fromN("1")))
                    .sequenceNumber("100")
                    .sizeBytes(20L)
                    .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                    .build())
            .build();

    JsonNode json = StreamEvents.record(record, ARN, LocalAccount.REGION);

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "eventID",
            "eventName",
            "eventVersion",
            "eventSource",
            "awsRegion",
            "dynamodb",
            "eventSourceARN");
    assertThat(json.path("eventName").asText()).isEqualTo("MODIFY");
    JsonNode dynamodb = json.path("dynamodb");
    assertThat(dynamodb.path("ApproximateCreationDateTime").asLong()).isEqualTo(1_700_000_000L);
    assertThat(dynamodb.path("NewImage").path("v").path("N").asText()).isEqualTo("2");
    assertThat(dynamodb.path("OldImage").path("v").path("N").asText()).isEqualTo("1");
    assertThat(dynamodb.path("SequenceNumber").asText()).isEqualTo("100");
    assertThat(dynamodb.path("SizeBytes").asLong()).isEqualTo(20L);
    assertThat(json.path("eventSourceARN").asText()).isEqualTo(ARN);
  }

  @Test
  void record_fromDynamoDbLocal_carriesTheStacksRegionNotDdblocal() {
    Record record =
        Record.builder()
            .eventID("e2")
            .eventName(OperationType.INSERT)
            .eventVersion("1.1")
            .awsRegion("ddblocal")
            .dynamodb(
                StreamRecord.builder()
                    .approximateCreationDateTime(Instant.ofEpochSecond(1_700_000_000L))
                    .keys(Map.of("pk", AttributeValue.fromS("k")))
                    .sequenceNumber("200")
                    .sizeBytes(5L)
                    .streamViewType(StreamViewType.KEYS_ONLY)
                    .build())
            .build();
    String localArn =
        "arn:aws:dynamodb:ddblocal:000000000000:table/T/stream/2026-01-01T00:00:00.000";

    JsonNode json = StreamEvents.record(record, localArn, "eu-west-1");

    assertThat(json.path("awsRegion").asText()).isEqualTo("eu-west-1");
    assertThat(json.path("eventSourceARN").asText())
        .isEqualTo(
            "arn:aws:dynamodb:eu-west-1:000000000000:table/T/stream/2026-01-01T00:00:00.000");
    assertThat(json.path("dynamodb").fieldNames())
        .toIterable()
        .containsExactly(
            "ApproximateCreationDateTime", "Keys", "SequenceNumber", "SizeBytes", "StreamViewType");
  }
}
