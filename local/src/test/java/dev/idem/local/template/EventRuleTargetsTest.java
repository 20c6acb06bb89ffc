package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code AWS::Events::Rule} targets as CDK's {@code SqsQueue} target synthesizes them. */
class EventRuleTargetsTest {

  private static final String TEMPLATE =
      """
      {"Resources": {
        "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "orders"}},
        "Queue": {"Type": "AWS::SQS::Queue"},
        "Dlq": {"Type": "AWS::SQS::Queue"},
        "Rule": {"Type": "AWS::Events::Rule", "Properties": {
          "EventBusName": {"Ref": "Bus"},
          "EventPattern": {"source": ["app"], "detail": {"total": [{"numeric": [">=", 100]}]}},
          "State": "ENABLED",
          "Targets": [{
            "Id": "Target0",
            "Arn": {"Fn::GetAtt": ["Queue", "Arn"]},
            "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["Dlq", "Arn"]}},
            "RetryPolicy": {"MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 3},
            "InputTransformer": {
              "InputPathsMap": {"id": "$.detail.id", "total": "$.detail.total"},
              "InputTemplate": "{\\"order\\": <id>, \\"text\\": \\"total <total>\\"}"
            }
          }]
        }}
      }}\
      """;

  @Test
  void specs_sqsTarget_deadLetterRetryPolicyAndInputTransformer() {
    RuleSpec rule = Template.parse(TEMPLATE, Path.of("/t"), Map.of()).specs().rules().get(0);

    assertThat(rule.bus()).isEqualTo("orders");
    assertThat(rule.pattern())
        .isEqualTo("{\"source\":[\"app\"],\"detail\":{\"total\":[{\"numeric\":[\">=\",100]}]}}");
    assertThat(rule.targets())
        .containsExactly(
            new RuleSpec.Target(
                "Target0",
                "arn:aws:sqs:us-east-1:000000000000:Queue",
                "arn:aws:sqs:us-east-1:000000000000:Dlq",
                null,
                null,
                null,
                new RuleSpec.InputTransformer(
                    Map.of("id", "$.detail.id", "total", "$.detail.total"),
                    "{\"order\": <id>, \"text\": \"total <total>\"}"),
                new RuleSpec.RetryPolicy(3, 3600)));
  }

  @Test
  void specs_everyTargetPropertyRead_nothingReported() {
    StackSpec stack = Template.parse(TEMPLATE, Path.of("/t"), Map.of()).specs();

    assertThat(stack.notEmulated().isEmpty()).isTrue();
  }
}
