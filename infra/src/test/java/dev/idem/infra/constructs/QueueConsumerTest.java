package dev.idem.infra.constructs;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;

class QueueConsumerTest {

  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";

  private static Stack standard;
  private static Stack fifo;
  private static Stack custom;
  private static Map<String, CfnTemplate> templates;
  private static Ids standardIds;
  private static Ids customIds;

  /** Logical ids of one consumer's resources. */
  private record Ids(String queue, String deadLetters, String alias) {
    static Ids of(QueueConsumer consumer, IdempotentFunction fn) {
      return new Ids(
          CdkTest.logicalId(consumer.queue()),
          CdkTest.logicalId(consumer.monitoredQueue().deadLetterQueue().queue()),
          CdkTest.logicalId(fn.alias()));
    }
  }

  @BeforeAll
  static void synthesize() {
    App app = CdkTest.app();
    standard = new Stack(app, "Standard");
    IdempotentFunction standardFn = function(standard);
    standardIds =
        Ids.of(
            new QueueConsumer(
                standard,
                "Payments",
                QueueConsumerProps.builder(standardFn).maxConcurrency(5).build()),
            standardFn);

    fifo = new Stack(app, "Fifo");
    new QueueConsumer(
        fifo,
        "Ledger",
        QueueConsumerProps.builder(function(fifo))
            .queue(MonitoredQueueProps.builder().fifo(true).build())
            .build());

    custom = new Stack(app, "Custom");
    IdempotentFunction customFn = function(custom);
    customIds = Ids.of(new QueueConsumer(custom, "Payments", customProps(customFn)), customFn);

    templates = new HashMap<>();
    CdkTest.synthesize(app, standard, fifo, custom)
        .forEach((name, json) -> templates.put(name, new CfnTemplate(json)));
  }

  private static IdempotentFunction function(Stack stack) {
    return new IdempotentFunction(
        stack,
        "Consumer",
        IdempotentFunctionProps.builder("com.example.Consumer::handleRequest")
            .code(CdkTest.functionsCode())
            .build());
  }

  private static QueueConsumerProps customProps(IdempotentFunction fn) {
    Stack stack = Stack.of(fn);
    return QueueConsumerProps.builder(fn)
        .queue(
            MonitoredQueueProps.builder()
                .visibilityTimeout(Duration.minutes(5))
                .maxReceiveCount(3)
                .encryptionKey(Key.Builder.create(stack, "Key").enableKeyRotation(true).build())
                .oldestMessageAgeThreshold(Duration.minutes(5))
                .alarmAction(new SnsAction(Topic.fromTopicArn(stack, "Alarms", TOPIC)))
                .build())
        .batchSize(100)
        .maxBatchingWindow(Duration.seconds(5))
        .build();
  }

  @Test
  void queue_defaults_deriveVisibilityFromTheFunctionTimeoutAndRedriveAfterFiveReceives() {
    CfnTemplate template = templates.get("Standard");
    Map<String, Object> queue = template.properties(standardIds.queue());

    assertThat(queue.get("VisibilityTimeout")).isEqualTo(6 * 20 + 1);
    assertThat(queue.get("MessageRetentionPeriod")).isEqualTo(4 * 24 * 3600);
    assertThat(queue.get("SqsManagedSseEnabled")).isEqualTo(true);
    assertThat(queue.get("RedrivePolicy"))
        .isEqualTo(
            Map.of(
                "deadLetterTargetArn",
                Map.of("Fn::GetAtt", List.of(standardIds.deadLetters(), "Arn")),
                "maxReceiveCount",
                5));
    assertThat(template.properties(standardIds.deadLetters()))
        .containsEntry("MessageRetentionPeriod", 14 * 24 * 3600)
        .containsEntry("SqsManagedSseEnabled", true);
  }

  @Test
  void eventSource_defaults_reportBatchItemFailuresOnTheAlias() {
    Object p = at(templates.get("Standard").only("AWS::Lambda::EventSourceMapping"), "Properties");

    assertThat(at(p, "EventSourceArn"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of(standardIds.queue(), "Arn")));
    assertThat(CfnTemplate.targets(at(p, "FunctionName"))).containsExactly(standardIds.alias());
    assertThat(at(p, "FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
    assertThat(at(p, "BatchSize")).isEqualTo(10);
    assertThat(at(p, "MaximumBatchingWindowInSeconds")).isEqualTo(1);
    assertThat(at(p, "ScalingConfig")).isEqualTo(Map.of("MaximumConcurrency", 5));
  }

  @Test
  void queues_defaults_refuseAnyRequestWithoutTls() {
    CfnTemplate template = templates.get("Standard");

    for (String queue : List.of(standardIds.queue(), standardIds.deadLetters())) {
      assertThat(policyStatementsOf(template, queue))
          .as(queue)
          .contains(
              Map.of(
                  "Action", "sqs:*",
                  "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                  "Effect", "Deny",
                  "Principal", Map.of("AWS", "*"),
                  "Resource", Map.of("Fn::GetAtt", List.of(queue, "Arn"))));
    }
  }

  @Test
  void alarms_defaults_watchTheOldestMessageAndTheDeadLetterDepth() {
    Map<String, Map<String, Object>> alarms = alarmsByMetric(templates.get("Standard"));

    assertThat(alarms)
        .containsOnlyKeys("ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesVisible");
    assertThat(alarms.get("ApproximateAgeOfOldestMessage"))
        .containsEntry("Threshold", 900)
        .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
        .containsEntry("Dimensions", queueDimension(standardIds.queue()));
    assertThat(alarms.get("ApproximateNumberOfMessagesVisible"))
        .containsEntry("Threshold", 1)
        .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
        .containsEntry("Dimensions", queueDimension(standardIds.deadLetters()))
        .doesNotContainKey("AlarmActions");
  }

  @Test
  void queue_fifo_makesBothQueuesFifoAndTheSourceUnbatched() {
    CfnTemplate template = templates.get("Fifo");

    assertThat(template.ofType("AWS::SQS::Queue").values())
        .hasSize(2)
        .allSatisfy(q -> assertThat(at(q, "Properties", "FifoQueue")).isEqualTo(true));
    assertThat(at(template.only("AWS::Lambda::EventSourceMapping"), "Properties"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .doesNotContainKey("MaximumBatchingWindowInSeconds")
        .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
  }

  @Test
  void queue_customSettings_areUsedForBothQueuesAndAlarms() {
    CfnTemplate template = templates.get("Custom");
    Map<String, Object> queue = template.properties(customIds.queue());

    assertThat(queue.get("VisibilityTimeout")).isEqualTo(300);
    assertThat(at(queue, "RedrivePolicy", "maxReceiveCount")).isEqualTo(3);
    assertThat(queue).containsKey("KmsMasterKeyId").doesNotContainKey("SqsManagedSseEnabled");
    assertThat(template.properties(customIds.deadLetters())).containsKey("KmsMasterKeyId");
    assertThat(alarmsByMetric(template).values())
        .hasSize(2)
        .allSatisfy(alarm -> assertThat(alarm.get("AlarmActions")).isEqualTo(List.of(TOPIC)));
    assertThat(alarmsByMetric(template).get("ApproximateAgeOfOldestMessage"))
        .containsEntry("Threshold", 300);
    assertThat(at(template.only("AWS::Lambda::EventSourceMapping"), "Properties", "BatchSize"))
        .isEqualTo(100);
  }

  @Test
  void nag_everyConsumerStack_reportsNoFinding() {
    CdkTest.assertNagClean(standard);
    CdkTest.assertNagClean(fifo);
    CdkTest.assertNagClean(custom);
  }

  static List<Object> policyStatementsOf(CfnTemplate template, String queue) {
    return template.ofType("AWS::SQS::QueuePolicy").values().stream()
        .filter(p -> CfnTemplate.targets(at(p, "Properties", "Queues")).contains(queue))
        .flatMap(p -> CfnTemplate.list(at(p, "Properties", "PolicyDocument", "Statement")).stream())
        .toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> alarmsByMetric(CfnTemplate template) {
    Map<String, Map<String, Object>> alarms = new HashMap<>();
    template
        .ofType("AWS::CloudWatch::Alarm")
        .values()
        .forEach(a ->
            alarms.put(
                (String) at(a, "Properties", "MetricName"),
                (Map<String, Object>) a.get("Properties")));
    return alarms;
  }

  static List<Object> queueDimension(String queue) {
    return List.of(
        Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName"))));
  }
}
