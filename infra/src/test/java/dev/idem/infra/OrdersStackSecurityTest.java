package dev.idem.infra;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The deployed stack is secure by default: cdk-nag's AwsSolutions pack finds nothing that is not
 * suppressed with a reason, no grant is wider than its resources, and every table and queue is
 * encrypted, every queue has a dead-letter queue (or is one), TLS-only access and an alarm.
 */
class OrdersStackSecurityTest {

  /** Actions without resource-level permissions: IAM accepts them only on "*". */
  private static final Set<String> RESOURCE_STAR_ONLY =
      Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords", "dynamodb:ListStreams");

  private static final Map<String, Object> PROD =
      Map.of("stage", "prod", "apiSnapStart", true, "javaRuntime", "java25");

  private static OrdersStacks.Synthesized synthesized;
  private static CfnTemplate template;

  @BeforeAll
  static void synthesize() {
    synthesized = OrdersStacks.defaults();
    template = synthesized.template();
  }

  @Test
  void nag_defaultStack_reportsNoUnsuppressedErrorOrWarning() {
    CdkTest.assertNagClean(synthesized.stack());
  }

  @Test
  void annotations_defaultAndProdStacks_haveNoWarningOrErrorOfAnyKind() {
    for (var stack : List.of(synthesized.stack(), OrdersStacks.synthesize(PROD).stack())) {
      Annotations annotations = Annotations.fromStack(stack);
      assertThat(annotations.findWarning("*", Match.anyValue())).as("warnings").isEmpty();
      assertThat(annotations.findError("*", Match.anyValue())).as("errors").isEmpty();
    }
  }

  @Test
  void nagSuppressions_everyOne_isAReviewedRuleWithAReason() {
    List<Object> suppressions = new ArrayList<>();
    template
        .resources()
        .values()
        .forEach(r ->
            suppressions.addAll(
                CfnTemplate.list(at(r, "Metadata", "cdk_nag", "rules_to_suppress"))));

    assertThat(suppressions).isNotEmpty();
    assertThat(suppressions)
        .allSatisfy(s -> {
          assertThat((String) at(s, "id")).matches("AwsSolutions-[A-Z]+[0-9]+");
          assertThat((String) at(s, "reason")).hasSizeGreaterThan(60);
        });
    assertThat(suppressions)
        .extracting(s -> at(s, "id"))
        .containsOnly(
            "AwsSolutions-IAM5",
            "AwsSolutions-L1",
            "AwsSolutions-SQS3",
            "AwsSolutions-APIG3",
            "AwsSolutions-APIG4",
            "AwsSolutions-COG4",
            "AwsSolutions-IAM4");
  }

  @Test
  void iam_everyAllowStatement_namesItsActionsWithoutWildcards() {
    assertThat(allowStatements())
        .isNotEmpty()
        .allSatisfy(s ->
            assertThat(CfnTemplate.list(s.get("Action")))
                .allSatisfy(a -> assertThat((String) a).doesNotContain("*")));
  }

  @Test
  void iam_resourceStar_onlyForActionsWithoutResourceLevelPermissions() {
    List<Map<String, Object>> onStar =
        allowStatements().stream()
            .filter(s -> CfnTemplate.list(s.get("Resource")).contains("*"))
            .toList();

    assertThat(onStar).isNotEmpty();
    assertThat(onStar)
        .allSatisfy(s -> {
          assertThat(CfnTemplate.list(s.get("Resource"))).containsExactly("*");
          assertThat(CfnTemplate.list(s.get("Action"))).isSubsetOf(RESOURCE_STAR_ONLY);
        });
  }

  @Test
  void iam_everyOtherGrant_namesResourcesOfThisStack() {
    allowStatements().stream()
        .filter(s -> !CfnTemplate.list(s.get("Resource")).contains("*"))
        .forEach(s ->
            assertThat(CfnTemplate.list(s.get("Resource")))
                .as("%s", s)
                .allSatisfy(r -> assertThat(template.typeOf(CfnTemplate.target(r))).isNotNull()));
  }

  @Test
  void iam_managedPolicies_onlyApiGatewaysLoggingRole() {
    List<Object> managed = new ArrayList<>();
    template
        .ofType("AWS::IAM::Role")
        .values()
        .forEach(r -> managed.addAll(CfnTemplate.list(at(r, "Properties", "ManagedPolicyArns"))));

    assertThat(managed)
        .singleElement()
        .asString()
        .contains("service-role/AmazonAPIGatewayPushToCloudWatchLogs");
  }

  @Test
  void tables_all_areEncryptedAndRecoverable() {
    assertThat(template.ofType("AWS::DynamoDB::Table").values())
        .hasSize(4)
        .allSatisfy(t -> {
          assertThat(at(t, "Properties", "SSESpecification", "SSEEnabled")).isEqualTo(true);
          assertThat(at(t, "Properties", "PointInTimeRecoverySpecification"))
              .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        });
  }

  @Test
  void queues_all_areEncryptedAndRefuseRequestsWithoutTls() {
    Map<String, Map<String, Object>> queues = template.ofType("AWS::SQS::Queue");

    assertThat(queues).hasSize(10);
    queues.forEach((id, q) -> {
      assertThat(
              Boolean.TRUE.equals(at(q, "Properties", "SqsManagedSseEnabled"))
                  || at(q, "Properties", "KmsMasterKeyId") != null)
          .as("%s encrypted", id)
          .isTrue();
      assertThat(denyWithoutTls(id)).as("%s TLS only", id).isTrue();
    });
  }

  @Test
  void queues_all_haveADeadLetterQueueOrAreOne() {
    Set<String> deadLetterQueues = deadLetterQueues();

    template
        .ofType("AWS::SQS::Queue")
        .forEach((id, q) ->
            assertThat(
                    at(q, "Properties", "RedrivePolicy") != null || deadLetterQueues.contains(id))
                .as("%s has a dead-letter queue or is one", id)
                .isTrue());
  }

  @Test
  void queues_all_haveAnAlarm() {
    Set<String> alarmed = new HashSet<>();
    template
        .ofType("AWS::CloudWatch::Alarm")
        .values()
        .forEach(a ->
            CfnTemplate.list(at(a, "Properties", "Dimensions"))
                .forEach(d -> alarmed.add(CfnTemplate.target(at(d, "Value")))));

    assertThat(alarmed).containsAll(template.ofType("AWS::SQS::Queue").keySet());
  }

  @Test
  void functions_all_traceAndLogJsonToAGroupWithRetention() {
    assertThat(template.ofType("AWS::Lambda::Function").values())
        .hasSize(6)
        .allSatisfy(f -> {
          assertThat(at(f, "Properties", "TracingConfig", "Mode")).isEqualTo("Active");
          assertThat(at(f, "Properties", "LoggingConfig", "LogFormat")).isEqualTo("JSON");
          String group = CfnTemplate.target(at(f, "Properties", "LoggingConfig", "LogGroup"));
          assertThat(template.properties(group).get("RetentionInDays")).isEqualTo(30);
        });
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> allowStatements() {
    List<Map<String, Object>> statements = new ArrayList<>();
    template
        .resources()
        .values()
        .forEach(r -> {
          Object document =
              r.get("Type").equals("AWS::IAM::Role") ? null : at(r, "Properties", "PolicyDocument");
          CfnTemplate.list(at(document, "Statement")).stream()
              .map(s -> (Map<String, Object>) s)
              .filter(s -> "Allow".equals(s.get("Effect")))
              .forEach(statements::add);
          CfnTemplate.list(at(r, "Properties", "Policies"))
              .forEach(p ->
                  CfnTemplate.list(at(p, "PolicyDocument", "Statement"))
                      .forEach(s -> statements.add((Map<String, Object>) s)));
        });
    return statements;
  }

  private static boolean denyWithoutTls(String queue) {
    return template.ofType("AWS::SQS::QueuePolicy").values().stream()
        .filter(p -> CfnTemplate.targets(at(p, "Properties", "Queues")).contains(queue))
        .flatMap(p -> CfnTemplate.list(at(p, "Properties", "PolicyDocument", "Statement")).stream())
        .anyMatch(s ->
            "Deny".equals(at(s, "Effect"))
                && "sqs:*".equals(at(s, "Action"))
                && "false".equals(at(s, "Condition", "Bool", "aws:SecureTransport")));
  }

  /** Redrive targets, Lambda on-failure destinations and rule targets' dead-letter queues. */
  private static Set<String> deadLetterQueues() {
    Set<String> found = new HashSet<>();
    template
        .ofType("AWS::SQS::Queue")
        .values()
        .forEach(q ->
            found.add(
                CfnTemplate.target(at(q, "Properties", "RedrivePolicy", "deadLetterTargetArn"))));
    template
        .ofType("AWS::Lambda::EventSourceMapping")
        .values()
        .forEach(m ->
            found.add(
                CfnTemplate.target(
                    at(m, "Properties", "DestinationConfig", "OnFailure", "Destination"))));
    template
        .ofType("AWS::Events::Rule")
        .values()
        .forEach(r ->
            CfnTemplate.list(at(r, "Properties", "Targets"))
                .forEach(t -> found.add(CfnTemplate.target(at(t, "DeadLetterConfig", "Arn")))));
    found.remove(null);
    return found;
  }
}
