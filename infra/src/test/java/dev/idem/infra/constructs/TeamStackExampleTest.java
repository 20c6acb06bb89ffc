package dev.idem.infra.constructs;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/** The README's example: a team's own stack with an idempotent queue consumer, nag-clean. */
class TeamStackExampleTest {

  /** As in the README, but with the test's stand-in jar. */
  static final class PaymentsStack extends Stack {
    PaymentsStack(Construct scope, String id, Code code) {
      super(scope, id);
      // README example: from here
      IdempotencyTable idempotency =
          new IdempotencyTable(this, "Idempotency", IdempotencyTableProps.builder().build());
      IdempotentFunction capture =
          new IdempotentFunction(
              this,
              "Capture",
              IdempotentFunctionProps.builder("com.example.payments.CaptureHandler::handleRequest")
                  .code(code) // Code.fromAsset("target/payments.jar")
                  .idempotencyTable(idempotency)
                  .snapStart(true)
                  .build());
      QueueConsumer payments =
          new QueueConsumer(
              this, "Payments", QueueConsumerProps.builder(capture).maxConcurrency(10).build());
      // README example: to here
      Rule.Builder.create(this, "OrderPlaced")
          .eventBus(EventBus.fromEventBusName(this, "Bus", "orders"))
          .eventPattern(EventPattern.builder().detailType(List.of("OrderPlaced")).build())
          .targets(List.of(new SqsQueue(payments.queue())))
          .build();
    }
  }

  private static Stack stack;
  private static CfnTemplate template;

  @BeforeAll
  static void synthesize() {
    App app = CdkTest.app();
    stack = new PaymentsStack(app, "Payments", CdkTest.functionsCode());
    template = new CfnTemplate(CdkTest.synthesize(app, stack).get("Payments"));
  }

  @Test
  void example_teamStack_deploysAConsumerWithItsTableQueuesAndAlarms() {
    assertThat(template.ofType("AWS::DynamoDB::Table")).hasSize(1);
    assertThat(template.ofType("AWS::SQS::Queue")).hasSize(2);
    assertThat(template.ofType("AWS::CloudWatch::Alarm")).hasSize(2);
    assertThat(at(template.only("AWS::Lambda::Function"), "Properties", "SnapStart")).isNotNull();
    assertThat(at(template.only("AWS::Lambda::EventSourceMapping"), "Properties", "ScalingConfig"))
        .isNotNull();
  }

  @Test
  void nag_teamStack_reportsNoFinding() {
    CdkTest.assertNagClean(stack);
  }
}
