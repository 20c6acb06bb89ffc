package dev.idem.local.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.edge.LocalAws;
import dev.idem.local.edge.LocalAwsExtension;
import dev.idem.local.template.Template;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Provisioning what the reference template does not use: indexes, provisioned billing, FIFO. */
@ExtendWith(LocalAwsExtension.class)
class ProvisionerFeaturesIT {

  private static final String YAML =
      """
      Resources:
        Ledger:
          Type: AWS::DynamoDB::Table
          Properties:
            TableName: pf-ledger
            BillingMode: PROVISIONED
            ProvisionedThroughput: {ReadCapacityUnits: 3, WriteCapacityUnits: 2}
            AttributeDefinitions:
              - {AttributeName: pk, AttributeType: S}
              - {AttributeName: sk, AttributeType: S}
              - {AttributeName: status, AttributeType: S}
            KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: sk, KeyType: RANGE}]
            GlobalSecondaryIndexes:
              - IndexName: byStatus
                KeySchema: [{AttributeName: status, KeyType: HASH}]
                Projection: {ProjectionType: KEYS_ONLY}
                ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
            LocalSecondaryIndexes:
              - IndexName: byPkStatus
                KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: status, KeyType: RANGE}]
                Projection: {ProjectionType: ALL}
        Ordered:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: pf-ordered.fifo
            FifoQueue: true
            ContentBasedDeduplication: true
        ToOrdered:
          Type: AWS::Events::Rule
          Properties:
            EventPattern: {source: [pf.features]}
            Targets:
              - Id: ordered
                Arn: !GetAtt Ordered.Arn
                SqsParameters: {MessageGroupId: group-1}
      """;

  private static ProvisionedStack provisioned;

  @BeforeAll
  static void provision(LocalAws aws) {
    provisioned =
        new Provisioner(aws.clients()).provision(Template.parse(YAML, Path.of("."), Map.of()));
  }

  @Test
  void provision_provisionedTableWithIndexes_asDeclared(LocalAws aws) {
    TableDescription table =
        aws.clients().dynamoDb().describeTable(r -> r.tableName("pf-ledger")).table();

    assertThat(table.keySchema()).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
    assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(3L);
    assertThat(table.globalSecondaryIndexes().get(0).indexName()).isEqualTo("byStatus");
    assertThat(table.globalSecondaryIndexes().get(0).projection().projectionTypeAsString())
        .isEqualTo("KEYS_ONLY");
    assertThat(table.localSecondaryIndexes().get(0).indexName()).isEqualTo("byPkStatus");
  }

  @Test
  void provision_fifoQueueAndRule_eventArrivesInItsGroup(LocalAws aws) {
    String url = provisioned.ids().ref("Ordered");
    Map<QueueAttributeName, String> attributes =
        aws.clients()
            .sqs()
            .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
            .attributes();
    aws.clients()
        .events()
        .putEvents(r ->
            r.entries(
                PutEventsRequestEntry.builder()
                    .source("pf.features")
                    .detailType("T")
                    .detail("{}")
                    .build()));

    assertThat(attributes.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
    assertThat(attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION)).isEqualTo("true");
    List<Message> received = receive(aws, url);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .isEqualTo("group-1");
  }

  private static List<Message> receive(LocalAws aws, String url) {
    List<Message> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (received.isEmpty() && Instant.now().isBefore(deadline)) {
      received.addAll(
          aws.clients()
              .sqs()
              .receiveMessage(r ->
                  r.queueUrl(url)
                      .waitTimeSeconds(1)
                      .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
              .messages());
    }
    return received;
  }
}
