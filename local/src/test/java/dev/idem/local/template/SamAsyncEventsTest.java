package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SAM's EventBridgeRule, CloudWatchEvent, Schedule and ScheduleV2 events, EventInvokeConfig and
 * DeadLetterQueue, and CloudFormation's AWS::Lambda::EventInvokeConfig and DeadLetterConfig, as the
 * AWS SAM Developer Guide ("EventBridgeRule", "Schedule", "ScheduleV2", "EventInvokeConfiguration",
 * "DeadLetterQueue") and the CloudFormation reference describe them.
 */
class SamAsyncEventsTest {

  private static final String FN_ARN = "arn:aws:lambda:us-east-1:000000000000:function:Fn";

  private static StackSpec specs(String yaml) {
    return Template.parse(yaml, Path.of("/t"), Map.of()).specs();
  }

  private static String function(String events, String more) {
    return """
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: java21
          CodeUri: app.jar
          Handler: a.B
    %s
          Events:
    %s
    """
        .formatted(more.indent(6).stripTrailing(), events.indent(8).stripTrailing());
  }

  @Test
  @DisplayName("specs_eventBridgeRuleEvent_ruleWithTheFunctionAsTarget (SAM: EventBridgeRule)")
  void specs_eventBridgeRuleEvent_ruleWithTheFunctionAsTarget() {
    String events =
        """
        Placed:
          Type: EventBridgeRule
          Properties:
            EventBusName: orders
            Pattern: {source: [shop]}
            InputTransformer:
              InputPathsMap: {id: $.detail.id}
              InputTemplate: '{"order": <id>}'
            DeadLetterConfig: {Type: SQS, QueueLogicalId: PlacedDlq}
            RetryPolicy: {MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 60}
            Target: {Id: placed-target}
        """;

    StackSpec stack = specs(function(events, ""));

    RuleEvent event = (RuleEvent) stack.functions().get(0).events().get(0);
    assertThat(event.deadLetterQueue()).isEqualTo("PlacedDlq");
    assertThat(event.rule())
        .isEqualTo(
            new RuleSpec(
                "FnPlaced",
                "orders",
                "FnPlaced",
                "{\"source\":[\"shop\"]}",
                null,
                "ENABLED",
                null,
                List.of(
                    new RuleSpec.Target(
                        "placed-target",
                        FN_ARN,
                        "arn:aws:sqs:us-east-1:000000000000:PlacedDlq",
                        null,
                        null,
                        null,
                        new RuleSpec.InputTransformer(
                            Map.of("id", "$.detail.id"), "{\"order\": <id>}"),
                        new RuleSpec.RetryPolicy(1, 60)))));
    assertThat(stack.notEmulated().isEmpty()).isTrue();
  }

  @Test
  void specs_cloudWatchEventWithoutTarget_samsDefaultTargetIdOnTheDefaultBus() {
    StackSpec stack =
        specs(
            function(
                """
                Any:
                  Type: CloudWatchEvent
                  Properties: {Pattern: {source: [aws.ec2]}, Input: '{"k":1}'}
                """,
                ""));

    RuleSpec rule = ((RuleEvent) stack.functions().get(0).events().get(0)).rule();
    assertThat(rule.bus()).isEqualTo("default");
    assertThat(rule.targets().get(0).id()).isEqualTo("FnAnyLambdaTarget");
    assertThat(rule.targets().get(0).input()).isEqualTo("{\"k\":1}");
  }

  @Test
  @DisplayName("specs_scheduleEventDisabled_disabledScheduleRule (SAM: Schedule, Enabled)")
  void specs_scheduleEventDisabled_disabledScheduleRule() {
    StackSpec stack =
        specs(
            function(
                """
                Nightly:
                  Type: Schedule
                  Properties:
                    Schedule: cron(0 3 * * ? *)
                    Name: nightly
                    Enabled: false
                    Input: '{"job":"n"}'
                """,
                ""));

    RuleEvent event = (RuleEvent) stack.functions().get(0).events().get(0);
    assertThat(event.rule().name()).isEqualTo("nightly");
    assertThat(event.rule().scheduleExpression()).isEqualTo("cron(0 3 * * ? *)");
    assertThat(event.rule().pattern()).isNull();
    assertThat(event.enabled()).isFalse();
    assertThat(event.rule().targets().get(0).input()).isEqualTo("{\"job\":\"n\"}");
  }

  @Test
  @DisplayName("specs_scheduleV2Event_schedulerScheduleWithItsTimeZone (SAM: ScheduleV2)")
  void specs_scheduleV2Event_schedulerScheduleWithItsTimeZone() {
    StackSpec stack =
        specs(
            function(
                """
                Morning:
                  Type: ScheduleV2
                  Properties:
                    ScheduleExpression: cron(0 8 * * ? *)
                    ScheduleExpressionTimezone: Europe/Paris
                    FlexibleTimeWindow: {Mode: 'OFF'}
                Hourly:
                  Type: ScheduleV2
                  Properties: {ScheduleExpression: rate(1 hour), Input: '{"a":1}', State: DISABLED}
                """,
                ""));

    assertThat(stack.functions().get(0).events())
        .containsExactly(
            new SchedulerEvent(
                "Morning", "FnMorning", "cron(0 8 * * ? *)", "Europe/Paris", "{}", true),
            new SchedulerEvent("Hourly", "FnHourly", "rate(1 hour)", "UTC", "{\"a\":1}", false));
  }

  @Test
  void specs_badScheduleExpression_oneLineNamingTheProperty() {
    assertThatThrownBy(() ->
            specs(
                function(
                    """
                    Nightly: {Type: Schedule, Properties: {Schedule: cron(0 3 * * * *)}}
                    """,
                    "")))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Fn.Events.Nightly.Properties.Schedule: cron(0 3 * * * *)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void specs_ruleWithBadScheduleExpression_oneLineNamingTheRule() {
    assertThatThrownBy(() ->
            specs(
                """
                Resources:
                  R: {Type: AWS::Events::Rule, Properties: {ScheduleExpression: rate(5 minute)}}
                """))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("R.ScheduleExpression: rate(5 minute)");
  }

  @Test
  @DisplayName(
      "specs_samEventInvokeConfigAndDeadLetterQueue_invokeConfig (SAM: EventInvokeConfiguration)")
  void specs_samEventInvokeConfigAndDeadLetterQueue_invokeConfig() {
    StackSpec stack =
        specs(
            function(
                "{}",
                """
                EventInvokeConfig:
                  MaximumRetryAttempts: 1
                  MaximumEventAgeInSeconds: 120
                  DestinationConfig:
                    OnSuccess: {Type: SQS, Destination: arn:aws:sqs:us-east-1:000000000000:ok}
                    OnFailure: {Type: SNS, Destination: arn:aws:sns:us-east-1:000000000000:bad}
                DeadLetterQueue: {Type: SQS, TargetArn: arn:aws:sqs:us-east-1:000000000000:dlq}
                """));

    assertThat(stack.functions().get(0).invokeConfig())
        .isEqualTo(
            new InvokeConfig(
                1,
                120,
                "arn:aws:sqs:us-east-1:000000000000:ok",
                null,
                "arn:aws:sqs:us-east-1:000000000000:dlq"));
    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::what)
        .containsExactly("SNS destinations");
  }

  @Test
  void specs_eventInvokeConfigRetriesOutOfRange_oneLineNamingIt() {
    assertThatThrownBy(() -> specs(function("{}", "EventInvokeConfig: {MaximumRetryAttempts: 5}")))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Fn.EventInvokeConfig.MaximumRetryAttempts 5 is outside 0..2");
  }

  @Test
  @DisplayName(
      "specs_cloudFormationEventInvokeConfigResource_attachedToItsFunction"
          + " (CloudFormation: AWS::Lambda::EventInvokeConfig)")
  void specs_cloudFormationEventInvokeConfigResource_attachedToItsFunction() {
    StackSpec stack =
        specs(
            """
            Resources:
              Done: {Type: AWS::SQS::Queue}
              Dlq: {Type: AWS::SQS::Queue}
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Code: app.jar
                  Handler: a.B
                  DeadLetterConfig: {TargetArn: !GetAtt Dlq.Arn}
              Config:
                Type: AWS::Lambda::EventInvokeConfig
                Properties:
                  FunctionName: !Ref Fn
                  Qualifier: $LATEST
                  MaximumRetryAttempts: 0
                  DestinationConfig:
                    OnFailure: {Destination: !GetAtt Done.Arn}
            """
                .replace("Code: app.jar", "Code: " + Path.of("pom.xml").toAbsolutePath()));

    assertThat(stack.functions().get(0).invokeConfig())
        .isEqualTo(
            new InvokeConfig(
                0,
                null,
                null,
                "arn:aws:sqs:us-east-1:000000000000:Done",
                "arn:aws:sqs:us-east-1:000000000000:Dlq"));
    assertThat(stack.notEmulated().resources()).isEmpty();
  }

  @Test
  @DisplayName(
      "specs_schedulerScheduleTargetingAFunction_schedulerEventOfThatFunction"
          + " (CloudFormation: AWS::Scheduler::Schedule)")
  void specs_schedulerScheduleTargetingAFunction_schedulerEventOfThatFunction() {
    StackSpec stack =
        specs(
            function("{}", "")
                + """
                  Nightly:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      Name: nightly
                      ScheduleExpression: at(2026-12-24T18:00:00)
                      ScheduleExpressionTimezone: America/New_York
                      FlexibleTimeWindow: {Mode: FLEXIBLE, MaximumWindowInMinutes: 5}
                      Target:
                        Arn: !GetAtt Fn.Arn
                        RoleArn: arn:aws:iam::000000000000:role/r
                        Input: '{"job":"n"}'
                  Other:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: rate(1 hour)
                      FlexibleTimeWindow: {Mode: 'OFF'}
                      Target: {Arn: 'arn:aws:sqs:us-east-1:000000000000:q', RoleArn: r}
                """);

    assertThat(stack.functions().get(0).events())
        .containsExactly(
            new SchedulerEvent(
                "Nightly",
                "nightly",
                "at(2026-12-24T18:00:00)",
                "America/New_York",
                "{\"job\":\"n\"}",
                true));
    assertThat(stack.notEmulated().resources())
        .extracting(NotEmulated.Item::where)
        .containsExactly("Other");
  }
}
