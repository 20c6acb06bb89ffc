package dev.idem.infra.constructs;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.sqs.Queue;

class DeadLetterQueueTest {

  private static Stack queues;
  private static Stack unguarded;
  private static CfnTemplate template;
  private static String failures;
  private static String review;
  private static String reviewDeadLetters;

  @BeforeAll
  static void synthesize() {
    App app = CdkTest.app();
    queues = new Stack(app, "Queues");
    DeadLetterQueue dlq =
        new DeadLetterQueue(queues, "Failures", DeadLetterQueueProps.builder().build());
    MonitoredQueue monitored =
        new MonitoredQueue(
            queues,
            "Review",
            MonitoredQueueProps.builder()
                .visibilityTimeout(Duration.minutes(5))
                .oldestMessageAgeThreshold(Duration.days(1))
                .build());
    failures = CdkTest.logicalId(dlq.queue());
    review = CdkTest.logicalId(monitored.queue());
    reviewDeadLetters = CdkTest.logicalId(monitored.deadLetterQueue().queue());

    template = new CfnTemplate(CdkTest.synthesize(app, queues).get("Queues"));

    // cdk.json's flags make nag errors fail synthesis; here they are only reported.
    App reporting = CdkTest.app(Map.of("@aws-cdk/core:annotationsInValidationReport", false));
    unguarded = new Stack(reporting, "Unguarded");
    new Queue(unguarded, "Plain");
    reporting.synth();
  }

  @Test
  void deadLetterQueue_defaults_keepsMessages14DaysEncryptedAndTlsOnly() {
    assertThat(template.properties(failures))
        .containsEntry("MessageRetentionPeriod", 1_209_600)
        .containsEntry("SqsManagedSseEnabled", true)
        .doesNotContainKey("FifoQueue");
    assertThat(QueueConsumerTest.policyStatementsOf(template, failures))
        .anySatisfy(s -> assertThat(at(s, "Effect")).isEqualTo("Deny"));
  }

  @Test
  void deadLetterQueue_defaults_alarmsOnTheFirstMessage() {
    assertThat(template.ofType("AWS::CloudWatch::Alarm").values())
        .filteredOn(a -> queueOf(a).equals(failures))
        .singleElement()
        .satisfies(a -> {
          assertThat(at(a, "Properties", "MetricName"))
              .isEqualTo("ApproximateNumberOfMessagesVisible");
          assertThat(at(a, "Properties", "Threshold")).isEqualTo(1);
          assertThat(at(a, "Properties", "TreatMissingData")).isEqualTo("notBreaching");
        });
  }

  @Test
  void monitoredQueue_withoutConsumer_hasItsDeadLettersAndBothAlarms() {
    assertThat(template.properties(review))
        .containsEntry("VisibilityTimeout", 300)
        .containsEntry(
            "RedrivePolicy",
            Map.of(
                "deadLetterTargetArn",
                Map.of("Fn::GetAtt", List.of(reviewDeadLetters, "Arn")),
                "maxReceiveCount",
                5));
    assertThat(template.ofType("AWS::CloudWatch::Alarm").values())
        .extracting(DeadLetterQueueTest::queueOf)
        .containsExactlyInAnyOrder(failures, review, reviewDeadLetters);
    assertThat(template.ofType("AWS::CloudWatch::Alarm").values())
        .filteredOn(a -> queueOf(a).equals(review))
        .singleElement()
        .satisfies(a -> assertThat(at(a, "Properties", "Threshold")).isEqualTo(86_400));
  }

  @Test
  void nag_queueConstructs_reportNoFinding() {
    CdkTest.assertNagClean(queues);
  }

  @Test
  void nag_plainQueue_isReported() {
    assertThat(
            Annotations.fromStack(unguarded)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-SQS[34].*")))
        .hasSize(2);
  }

  private static String queueOf(Map<String, Object> alarm) {
    return CfnTemplate.target(
        at(CfnTemplate.list(at(alarm, "Properties", "Dimensions")).get(0), "Value"));
  }
}
