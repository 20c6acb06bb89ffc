package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview's backend calls, made concurrently, on a cloud of queues and tables only: a queue or
 * table that the backend no longer has shows as that row's {@code error}, and every other row still
 * has its counts.
 */
class ConsoleOverviewIT {

  private static final String TEMPLATE =
      """
      AWSTemplateFormatVersion: "2010-09-09"
      Resources:
        WorkQueue:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: overview-work
            RedrivePolicy:
              deadLetterTargetArn: !GetAtt WorkDLQ.Arn
              maxReceiveCount: 3
        WorkDLQ:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: overview-work-dlq
        GoneQueue:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: overview-gone
        KeptTable:
          Type: AWS::DynamoDB::Table
          Properties:
            TableName: overview-kept
            BillingMode: PAY_PER_REQUEST
            AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
            KeySchema: [{AttributeName: id, KeyType: HASH}]
        GoneTable:
          Type: AWS::DynamoDB::Table
          Properties:
            TableName: overview-gone
            BillingMode: PAY_PER_REQUEST
            AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
            KeySchema: [{AttributeName: id, KeyType: HASH}]
      """;

  @TempDir static Path project;

  private static LocalCloud cloud;
  private static URI console;

  @BeforeAll
  static void start() {
    cloud = LocalCloud.start(TestClouds.resourcesOnly(project, "ConsoleOverviewIT", TEMPLATE));
    console = cloud.consoleUrl().orElseThrow();
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void overview_queueAndTableGoneFromTheBackend_theirRowsShowErrorOthersTheirCounts() {
    JsonNode before = overview();
    assertThat(before.path("queues")).allSatisfy(row -> assertThat(row.has("error")).isFalse());
    assertThat(before.path("tables")).allSatisfy(row -> assertThat(row.has("error")).isFalse());
    cloud
        .clients()
        .sqs()
        .sendMessage(
            r -> r.queueUrl(cloud.clients().queueUrls().apply("overview-work")).messageBody("m"));

    cloud
        .clients()
        .sqs()
        .deleteQueue(r -> r.queueUrl(cloud.clients().queueUrls().apply("overview-gone")));
    cloud.clients().dynamoDb().deleteTable(r -> r.tableName("overview-gone"));
    JsonNode after = overview();

    assertThat(row(after.path("queues"), "overview-gone").path("error").asText())
        .containsIgnoringCase("queue");
    assertThat(row(after.path("tables"), "overview-gone").path("error").asText())
        .contains("non-existent table");
    JsonNode work = row(after.path("queues"), "overview-work");
    assertThat(work.has("error")).as(work.toString()).isFalse();
    assertThat(work.path("visible").asLong() + work.path("inFlight").asLong()).isEqualTo(1);
    assertThat(work.path("deadLetterQueue").asText()).isEqualTo("overview-work-dlq");
    assertThat(work.path("deadLetterDepth").asLong()).isZero();
    assertThat(row(after.path("queues"), "overview-work-dlq").has("visible")).isTrue();
    assertThat(row(after.path("tables"), "overview-kept").path("items").isNumber()).isTrue();
  }

  private static JsonNode overview() {
    var response = Http.get(console.resolve("api/overview"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response.body());
  }

  private static JsonNode row(JsonNode rows, String name) {
    return StreamSupport.stream(rows.spliterator(), false)
        .filter(row -> row.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
  }
}
