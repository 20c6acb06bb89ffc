package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateSpecsTest {

  private static StackSpec specs(String yaml) {
    return Template.parse(yaml, Path.of("/t"), Map.of()).specs();
  }

  @Test
  void specs_tableWithIndexesStreamAndTtl_allRead() {
    TableSpec table =
        specs(
                """
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions:
                        - {AttributeName: pk, AttributeType: S}
                        - {AttributeName: sk, AttributeType: N}
                        - {AttributeName: g, AttributeType: S}
                      KeySchema:
                        - {AttributeName: sk, KeyType: RANGE}
                        - {AttributeName: pk, KeyType: HASH}
                      GlobalSecondaryIndexes:
                        - IndexName: byG
                          KeySchema: [{AttributeName: g, KeyType: HASH}]
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [x]}
                      LocalSecondaryIndexes:
                        - IndexName: byPkG
                          KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: g, KeyType: RANGE}]
                          Projection: {ProjectionType: KEYS_ONLY}
                      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
                      TimeToLiveSpecification: {AttributeName: ttl, Enabled: true}
                """)
            .tables()
            .get(0);

    assertThat(table.name()).isEqualTo("T");
    assertThat(table.keySchema())
        .containsExactly(new TableSpec.Key("pk", "HASH"), new TableSpec.Key("sk", "RANGE"));
    assertThat(table.billingMode()).isEqualTo("PAY_PER_REQUEST");
    assertThat(table.globalIndexes().get(0).projectionType()).isEqualTo("INCLUDE");
    assertThat(table.globalIndexes().get(0).nonKeyAttributes()).containsExactly("x");
    assertThat(table.localIndexes().get(0).keySchema()).hasSize(2);
    assertThat(table.streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(table.ttlAttribute()).isEqualTo("ttl");
  }

  @Test
  void specs_simpleTable_keyAndOnDemand() {
    TableSpec table =
        specs(
                """
                Resources:
                  S:
                    Type: AWS::Serverless::SimpleTable
                    Properties: {PrimaryKey: {Name: sku, Type: Number}}
                """)
            .tables()
            .get(0);

    assertThat(table.attributes()).containsExactly(new TableSpec.Attribute("sku", "N"));
    assertThat(table.billingMode()).isEqualTo("PAY_PER_REQUEST");
  }

  @Test
  void specs_fifoQueueWithoutName_fifoSuffixAndRedriveFromJsonString() {
    StackSpec stack =
        specs(
            """
            Resources:
              Dlq: {Type: AWS::SQS::Queue, Properties: {FifoQueue: true}}
              Work:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: true
                  ContentBasedDeduplication: true
                  VisibilityTimeout: 30
                  RedrivePolicy: !Sub '{"deadLetterTargetArn":"${Dlq.Arn}","maxReceiveCount":3}'
            """);

    QueueSpec work = stack.queue("Work").orElseThrow();
    assertThat(work.name()).isEqualTo("Work.fifo");
    assertThat(work.fifo()).isTrue();
    assertThat(work.contentBasedDeduplication()).isTrue();
    assertThat(work.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(work.redrive())
        .isEqualTo(new QueueSpec.Redrive("arn:aws:sqs:us-east-1:000000000000:Dlq.fifo", 3));
  }

  @Test
  void specs_ruleOnDefaultBusWithMapPattern_compactJson() {
    RuleSpec rule =
        specs(
                """
                Resources:
                  Q: {Type: AWS::SQS::Queue}
                  R:
                    Type: AWS::Events::Rule
                    Properties:
                      EventPattern: {source: [shop], detail-type: [{prefix: Order}]}
                      Targets: [{Id: q, Arn: !GetAtt Q.Arn, Input: '{"k":1}'}]
                """)
            .rules()
            .get(0);

    assertThat(rule.bus()).isEqualTo("default");
    assertThat(rule.state()).isEqualTo("ENABLED");
    assertThat(rule.pattern())
        .isEqualTo("{\"source\":[\"shop\"],\"detail-type\":[{\"prefix\":\"Order\"}]}");
    assertThat(rule.targets())
        .containsExactly(
            new RuleSpec.Target(
                "q", "arn:aws:sqs:us-east-1:000000000000:Q", null, "{\"k\":1}", null, null));
  }

  @Test
  void specs_unsupportedTypesPropertiesAndEvents_allReported() {
    StackSpec stack =
        specs(
            """
            Resources:
              Topic: {Type: AWS::SNS::Topic}
              Py:
                Type: AWS::Serverless::Function
                Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: src}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java21
                  CodeUri: app.jar
                  Handler: a.B
                  Layers: [arn:aws:lambda:us-east-1:1:layer:x:1]
                  Events:
                    Nightly: {Type: SNS, Properties: {Topic: arn:aws:sns:us-east-1:1:t}}
                    Web: {Type: Api, Properties: {Path: /x, Method: get, Auth: {ApiKeyRequired: true}}}
              Q: {Type: AWS::SQS::Queue, Properties: {KmsMasterKeyId: alias/aws/sqs}}
            """);

    NotEmulated notes = stack.notEmulated();
    assertThat(notes.resources())
        .extracting(NotEmulated.Item::where)
        .containsExactly("Topic", "Py");
    assertThat(notes.properties())
        .extracting(NotEmulated.Item::where)
        .contains(
            "Fn.Layers", "Fn.Events.Nightly", "Fn.Events.Web.Properties.Auth", "Q.KmsMasterKeyId");
    assertThat(stack.functions()).extracting(FunctionSpec::name).containsExactly("Fn");
    assertThat(stack.functions().get(0).events()).containsExactly(new ApiEvent("Web", "/x", "GET"));
    assertThat(notes.summary())
        .startsWith("not emulated: resources AWS::SNS::Topic (Topic)")
        .contains(
            "layer arn:aws:lambda:us-east-1:1:layer:x:1 (not in this template: no local content) (Fn.Layers)");
  }

  @Test
  void provisioningLevels_dependenciesFirst_cycleFails() {
    String yaml =
        """
        Resources:
          Rule:
            Type: AWS::Events::Rule
            Properties:
              EventBusName: !Ref Bus
              EventPattern: {source: [x]}
              Targets: [{Id: q, Arn: !GetAtt Work.Arn}]
          Work:
            Type: AWS::SQS::Queue
            Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 2}}
          Dlq: {Type: AWS::SQS::Queue}
          Bus: {Type: AWS::Events::EventBus}
        """;

    Template template = Template.parse(yaml, Path.of("/t"), Map.of());

    assertThat(template.provisioningLevels())
        .containsExactly(List.of("Dlq", "Bus"), List.of("Work"), List.of("Rule"));
    assertThat(template.provisioningOrder()).containsExactly("Dlq", "Bus", "Work", "Rule");
    String cycle =
        """
        Resources:
          A: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt B.QueueName}}
          B: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt A.QueueName}}
        """;
    assertThatThrownBy(() -> Template.parse(cycle, Path.of("/t"), Map.of()).provisioningOrder())
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("cycle");
  }
}
