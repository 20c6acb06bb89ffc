package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateIntrinsicsTest {

  private static final String HEAD =
      """
      AWSTemplateFormatVersion: 2010-09-09
      Parameters:
        Stage:
          Type: String
          Default: dev
        Names:
          Type: CommaDelimitedList
          Default: "a, b,c"
      Mappings:
        Sizes:
          dev: {Memory: 512}
          prod: {Memory: 2048}
      Conditions:
        IsDev: !Equals [!Ref Stage, dev]
        IsNotDev: !Not [!Condition IsDev]
        DevAndNotDev: !And [!Condition IsDev, !Condition IsNotDev]
        DevOrNotDev: !Or [!Condition IsDev, !Condition IsNotDev]
      Resources:
        Orders:
          Type: AWS::DynamoDB::Table
          Properties:
            TableName: !Sub orders-${Stage}
            KeySchema: [{AttributeName: id, KeyType: HASH}]
            AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
            StreamSpecification: {StreamViewType: NEW_IMAGE}
        Jobs:
          Type: AWS::SQS::Queue
      Outputs:
      """;

  private static String output(String yamlValue) {
    return output(yamlValue, Map.of());
  }

  private static String output(String yamlValue, Map<String, String> overrides) {
    Template template =
        Template.parse(HEAD + "  Out:\n    Value: " + yamlValue + "\n", Path.of("/t"), overrides);
    return template.specs().outputs().get("Out");
  }

  @Test
  void ref_parameter_defaultOrOverride() {
    assertThat(output("!Ref Stage")).isEqualTo("dev");
    assertThat(output("!Ref Stage", Map.of("Stage", "test"))).isEqualTo("test");
    assertThat(output("{Ref: Stage}")).isEqualTo("dev");
  }

  @Test
  void ref_pseudoParameters_localValues() {
    assertThat(
            output(
                "!Sub '${AWS::Region} ${AWS::AccountId} ${AWS::StackName} ${AWS::Partition} ${AWS::URLSuffix}'"))
        .isEqualTo("us-east-1 000000000000 idem-local aws amazonaws.com");
  }

  @Test
  void ref_resources_tableNameAndQueueUrl() {
    assertThat(output("!Ref Orders")).isEqualTo("orders-dev");
    assertThat(output("!Ref Jobs")).isEqualTo("http://127.0.0.1:4566/000000000000/Jobs");
  }

  @Test
  void getAtt_shortLongAndSubForms_sameArn() {
    String arn = "arn:aws:dynamodb:us-east-1:000000000000:table/orders-dev";
    assertThat(output("!GetAtt Orders.Arn")).isEqualTo(arn);
    assertThat(output("{'Fn::GetAtt': [Orders, Arn]}")).isEqualTo(arn);
    assertThat(output("!Sub '${Orders.Arn}'")).isEqualTo(arn);
    assertThat(output("!GetAtt Jobs.Arn")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:Jobs");
    assertThat(output("!GetAtt Orders.StreamArn")).startsWith(arn + "/stream/");
  }

  @Test
  void getAtt_unknownAttributeOfEmulatedType_failsNamingIt() {
    assertThatThrownBy(() -> output("!GetAtt Orders.Nope"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Orders.Nope");
  }

  @Test
  void sub_literalAndVariableMap_resolved() {
    assertThat(output("!Sub '${Stage}-${!Literal}'")).isEqualTo("dev-${Literal}");
    assertThat(output("!Sub ['${A}/${Stage}', {A: !Ref Orders}]")).isEqualTo("orders-dev/dev");
  }

  @Test
  void if_conditions_pickBranch() {
    assertThat(output("!If [IsDev, yes-dev, not-dev]")).isEqualTo("yes-dev");
    assertThat(output("!If [IsDev, yes-dev, not-dev]", Map.of("Stage", "prod")))
        .isEqualTo("not-dev");
    assertThat(output("!If [DevAndNotDev, both, not-both]")).isEqualTo("not-both");
    assertThat(output("!If [DevOrNotDev, either, neither]")).isEqualTo("either");
  }

  @Test
  void joinSelectSplit_lists_combined() {
    assertThat(output("!Join ['-', !Ref Names]")).isEqualTo("a-b-c");
    assertThat(output("!Select [1, !Ref Names]")).isEqualTo("b");
    assertThat(output("!Select [2, !Split ['/', 'x/y/z']]")).isEqualTo("z");
    assertThat(output("!Join ['', [!Ref Stage, '-', 1]]")).isEqualTo("dev-1");
  }

  @Test
  void findInMap_byParameter_value() {
    assertThat(output("!FindInMap [Sizes, !Ref Stage, Memory]")).isEqualTo("512");
    assertThat(output("!FindInMap [Sizes, !Ref Stage, Memory]", Map.of("Stage", "prod")))
        .isEqualTo("2048");
  }

  @Test
  void base64AndGetAZs_resolved() {
    assertThat(output("!Base64 hello")).isEqualTo("aGVsbG8=");
    assertThat(output("!Select [0, !GetAZs '']")).isEqualTo("us-east-1a");
  }

  @Test
  void importValue_exportName_reportedAsNotEmulated() {
    Template template =
        Template.parse(
            HEAD + "  Out:\n    Value: !ImportValue shared-vpc\n", Path.of("/t"), Map.of());

    StackSpec stack = template.specs();

    assertThat(stack.outputs()).containsEntry("Out", "shared-vpc");
    assertThat(stack.notEmulated().summary()).contains("Fn::ImportValue shared-vpc");
  }

  @Test
  void ref_unknownName_failsNamingPlace() {
    assertThatThrownBy(() -> output("!Ref Nowhere"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Outputs.Out")
        .hasMessageContaining("Nowhere");
  }

  @Test
  void ifNoValue_propertyRemoved() {
    String yaml =
        """
        Conditions:
          Never: !Equals [a, b]
        Resources:
          Q:
            Type: AWS::SQS::Queue
            Properties:
              VisibilityTimeout: !If [Never, 99, !Ref AWS::NoValue]
              DelaySeconds: !If [Never, !Ref AWS::NoValue, 5]
        """;

    QueueSpec queue = Template.parse(yaml, Path.of("/t"), Map.of()).specs().queues().get(0);

    assertThat(queue.visibilityTimeout()).isNull();
    assertThat(queue.delay()).hasSeconds(5);
  }

  @Test
  void resourceCondition_false_resourceLeftOut() {
    String yaml =
        """
        Parameters: {Stage: {Type: String, Default: dev}}
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Resources:
          Always: {Type: AWS::SQS::Queue}
          ProdOnly: {Type: AWS::SQS::Queue, Condition: IsProd}
        """;

    assertThat(Template.parse(yaml, Path.of("/t"), Map.of()).specs().queues())
        .extracting(QueueSpec::name)
        .containsExactly("Always");
    assertThat(Template.parse(yaml, Path.of("/t"), Map.of("Stage", "prod")).specs().queues())
        .extracting(QueueSpec::name)
        .containsExactly("Always", "ProdOnly");
  }
}
