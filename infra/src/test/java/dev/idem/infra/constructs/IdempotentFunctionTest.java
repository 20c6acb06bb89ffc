package dev.idem.infra.constructs;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.logs.RetentionDays;

class IdempotentFunctionTest {

  private static final String HANDLER = "com.example.PaymentHandler::handleRequest";

  private static Stack defaults;
  private static Stack wired;
  private static Stack provisioned;
  private static Stack snapStart;
  private static Map<String, CfnTemplate> templates;
  private static IdempotentFunction defaultFunction;
  private static IdempotentFunction wiredFunction;
  private static String table;

  @BeforeAll
  static void synthesize() {
    App app = CdkTest.app();
    defaults = new Stack(app, "Defaults");
    defaultFunction = new IdempotentFunction(defaults, "Fn", props().build());

    wired = new Stack(app, "Wired");
    IdempotencyTable idempotency =
        new IdempotencyTable(wired, "Idempotency", IdempotencyTableProps.builder().build());
    table = CdkTest.logicalId(idempotency.table());
    wiredFunction =
        new IdempotentFunction(
            wired,
            "Fn",
            props()
                .runtime(JavaRuntime.JAVA_25)
                .memorySize(512)
                .timeout(Duration.seconds(30))
                .description("Captures payments")
                .serviceName("payments")
                .environment("PAYMENT_PROVIDER_URL", "https://pay.example.com")
                .idempotencyTable(idempotency)
                .logGroupName("/teams/payments/capture")
                .logRetention(RetentionDays.ONE_WEEK)
                .aliasName("prod")
                .build());

    provisioned = new Stack(app, "Provisioned");
    new IdempotentFunction(
        provisioned,
        "Fn",
        props().provisionedConcurrency(new ProvisionedConcurrency(2, 6, 0.5)).build());

    snapStart = new Stack(app, "SnapStart");
    new IdempotentFunction(snapStart, "Fn", props().snapStart(true).build());

    templates = new HashMap<>();
    CdkTest.synthesize(app, defaults, wired, provisioned, snapStart)
        .forEach((name, json) -> templates.put(name, new CfnTemplate(json)));
  }

  private static IdempotentFunctionProps.Builder props() {
    return IdempotentFunctionProps.builder(HANDLER).code(CdkTest.functionsCode());
  }

  @Test
  void function_defaults_runJava21OnArm64WithTracingJsonLogsAndTheC1Compiler() {
    Object p = at(templates.get("Defaults").only("AWS::Lambda::Function"), "Properties");

    assertThat(at(p, "Handler")).isEqualTo(HANDLER);
    assertThat(at(p, "Runtime")).isEqualTo("java21");
    assertThat(at(p, "Architectures")).isEqualTo(List.of("arm64"));
    assertThat(at(p, "MemorySize")).isEqualTo(1024);
    assertThat(at(p, "Timeout")).isEqualTo(20);
    assertThat(at(p, "TracingConfig", "Mode")).isEqualTo("Active");
    assertThat(at(p, "LoggingConfig", "LogFormat")).isEqualTo("JSON");
    assertThat(at(p, "Environment", "Variables"))
        .isEqualTo(
            Map.of(
                "POWERTOOLS_SERVICE_NAME",
                "idem",
                "JAVA_TOOL_OPTIONS",
                IdempotentFunctionProps.C1_ONLY));
    assertThat(at(p, "SnapStart")).isNull();
  }

  @Test
  void function_defaults_logToTheirOwnGroupKeptAMonth() {
    CfnTemplate template = templates.get("Defaults");
    Object p = at(template.only("AWS::Lambda::Function"), "Properties");
    String logGroup = CdkTest.logicalId(defaultFunction.logGroup());

    assertThat(at(p, "LoggingConfig", "LogGroup")).isEqualTo(Map.of("Ref", logGroup));
    assertThat(template.properties(logGroup).get("RetentionInDays")).isEqualTo(30);
    assertThat(template.resources().get(logGroup).get("DeletionPolicy")).isEqualTo("Delete");
  }

  @Test
  void role_defaults_hasNoManagedPolicyAndWritesOnlyItsOwnLogGroup() {
    CfnTemplate template = templates.get("Defaults");
    String role = CdkTest.logicalId(defaultFunction.role());

    assertThat(template.properties(role)).doesNotContainKey("ManagedPolicyArns");
    assertThat(template.statementsOfRole(role))
        .containsExactlyInAnyOrder(
            Map.of(
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Effect", "Allow",
                "Resource",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(CdkTest.logicalId(defaultFunction.logGroup()), "Arn"))),
            Map.of(
                "Action", List.of("xray:PutTelemetryRecords", "xray:PutTraceSegments"),
                "Effect", "Allow",
                "Resource", "*"));
  }

  @Test
  void alias_defaults_isLiveOnTheCurrentVersionWithoutProvisionedConcurrency() {
    Object p = at(templates.get("Defaults").only("AWS::Lambda::Alias"), "Properties");

    assertThat(at(p, "Name")).isEqualTo("live");
    assertThat(CfnTemplate.list(at(p, "FunctionVersion", "Fn::GetAtt")))
        .element(1)
        .isEqualTo("Version");
    assertThat(at(p, "ProvisionedConcurrencyConfig")).isNull();
    assertThat(templates.get("Defaults").ofType("AWS::ApplicationAutoScaling::ScalableTarget"))
        .isEmpty();
  }

  @Test
  void function_withIdempotencyTable_namesItAndMayUseItsRecords() {
    CfnTemplate template = templates.get("Wired");
    Object p = at(template.only("AWS::Lambda::Function"), "Properties");

    assertThat(at(p, "Environment", "Variables"))
        .isEqualTo(
            Map.of(
                "POWERTOOLS_SERVICE_NAME",
                "payments",
                "JAVA_TOOL_OPTIONS",
                IdempotentFunctionProps.C1_ONLY,
                "PAYMENT_PROVIDER_URL",
                "https://pay.example.com",
                "IDEMPOTENCY_TABLE",
                Map.of("Ref", table)));
    assertThat(template.statementsOfRole(CdkTest.logicalId(wiredFunction.role())))
        .contains(
            Map.of(
                "Action", IdempotencyTable.RECORD_ACTIONS.stream().sorted().toList(),
                "Effect", "Allow",
                "Resource", Map.of("Fn::GetAtt", List.of(table, "Arn"))));
  }

  @Test
  void function_withSettings_usesThem() {
    CfnTemplate template = templates.get("Wired");
    Object p = at(template.only("AWS::Lambda::Function"), "Properties");
    Object logGroup = template.properties(CdkTest.logicalId(wiredFunction.logGroup()));

    assertThat(at(p, "Runtime")).isEqualTo("java25");
    assertThat(at(p, "MemorySize")).isEqualTo(512);
    assertThat(at(p, "Timeout")).isEqualTo(30);
    assertThat(at(p, "Description")).isEqualTo("Captures payments");
    assertThat(at(logGroup, "LogGroupName")).isEqualTo("/teams/payments/capture");
    assertThat(at(logGroup, "RetentionInDays")).isEqualTo(7);
    assertThat(at(template.only("AWS::Lambda::Alias"), "Properties", "Name")).isEqualTo("prod");
    assertThat(wiredFunction.timeout().toSeconds()).isEqualTo(30);
  }

  @Test
  void alias_provisionedConcurrency_isProvisionedAndTrackedOnUtilization() {
    CfnTemplate template = templates.get("Provisioned");
    Object target = at(template.only("AWS::ApplicationAutoScaling::ScalableTarget"), "Properties");
    Object policy = at(template.only("AWS::ApplicationAutoScaling::ScalingPolicy"), "Properties");

    assertThat(
            at(template.only("AWS::Lambda::Alias"), "Properties", "ProvisionedConcurrencyConfig"))
        .isEqualTo(Map.of("ProvisionedConcurrentExecutions", 2));
    assertThat(at(target, "MinCapacity")).isEqualTo(2);
    assertThat(at(target, "MaxCapacity")).isEqualTo(6);
    assertThat(at(target, "ScalableDimension")).isEqualTo("lambda:function:ProvisionedConcurrency");
    assertThat(at(policy, "PolicyType")).isEqualTo("TargetTrackingScaling");
    assertThat(at(policy, "TargetTrackingScalingPolicyConfiguration"))
        .isEqualTo(
            Map.of(
                "PredefinedMetricSpecification",
                Map.of("PredefinedMetricType", "LambdaProvisionedConcurrencyUtilization"),
                "TargetValue",
                0.5));
  }

  @Test
  void function_snapStart_snapshotsPublishedVersionsWithoutProvisionedConcurrency() {
    CfnTemplate template = templates.get("SnapStart");

    assertThat(at(template.only("AWS::Lambda::Function"), "Properties", "SnapStart"))
        .isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
    assertThat(
            at(template.only("AWS::Lambda::Alias"), "Properties", "ProvisionedConcurrencyConfig"))
        .isNull();
    assertThat(template.ofType("AWS::ApplicationAutoScaling::ScalableTarget")).isEmpty();
  }

  @Test
  void annotations_snapStart_leaveNoWarning() {
    assertThat(Annotations.fromStack(snapStart).findWarning("*", Match.anyValue())).isEmpty();
  }

  @Test
  void nag_everyFunctionStack_reportsNoFinding() {
    CdkTest.assertNagClean(defaults);
    CdkTest.assertNagClean(wired);
    CdkTest.assertNagClean(provisioned);
    CdkTest.assertNagClean(snapStart);
  }
}
