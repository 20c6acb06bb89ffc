package dev.idem.infra;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/** Stage settings from CDK context reach the stack: a production stage with every setting moved. */
class OrdersStackTest {

  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:idem-alarms";

  private static final Map<String, Object> PROD =
      Map.of(
          "stage", "prod",
          "highValueOrderThreshold", "250000",
          "paymentProviderUrl", "https://payments.example.com",
          "apiSnapStart", "true",
          "queueMaximumConcurrency", 20,
          "apiThrottlingRateLimit", 500,
          "javaRuntime", "java25",
          "alarmTopicArn", TOPIC);

  private static OrdersStacks.Synthesized prod;
  private static CfnTemplate template;

  @BeforeAll
  static void synthesize() {
    prod = OrdersStacks.synthesize(PROD);
    template = prod.template();
  }

  @Test
  void stack_prodStage_isNamedAfterIt() {
    assertThat(prod.stack().getStackName()).isEqualTo("idem-orders-prod");
    assertThat(at(template.only("AWS::Events::EventBus"), "Properties", "Name"))
        .isEqualTo("idem-orders-prod");
    assertThat(at(template.only("AWS::ApiGateway::Stage"), "Properties", "StageName"))
        .isEqualTo("prod");
    assertThat(template.ofType("AWS::Logs::LogGroup").values())
        .extracting(g -> (String) at(g, "Properties", "LogGroupName"))
        .allSatisfy(name -> assertThat(name).startsWith("/idem/prod/"));
  }

  @Test
  void tables_prodStage_refuseDeletion() {
    assertThat(template.ofType("AWS::DynamoDB::Table").values())
        .hasSize(4)
        .allSatisfy(
            t -> assertThat(at(t, "Properties", "DeletionProtectionEnabled")).isEqualTo(true));
  }

  @Test
  void apiFunctions_snapStartInsteadOfProvisionedConcurrency_useSnapshots() {
    assertThat(template.ofType("AWS::Lambda::Function").values())
        .filteredOn(f -> at(f, "Properties", "SnapStart") != null)
        .extracting(f -> at(f, "Properties", "Handler"))
        .containsExactlyInAnyOrder(OrdersStack.PLACE_ORDER, OrdersStack.GET_ORDER);
    assertThat(template.ofType("AWS::Lambda::Alias").values())
        .allSatisfy(a -> assertThat(at(a, "Properties", "ProvisionedConcurrencyConfig")).isNull());
    assertThat(template.ofType("AWS::ApplicationAutoScaling::ScalableTarget")).isEmpty();
  }

  @Test
  void functions_contextSettings_reachRuntimeAndEnvironment() {
    assertThat(template.ofType("AWS::Lambda::Function").values())
        .allSatisfy(f -> assertThat(at(f, "Properties", "Runtime")).isEqualTo("java25"));
    assertThat(template.ofType("AWS::Lambda::Function").values())
        .extracting(f -> at(f, "Properties", "Environment", "Variables", "PAYMENT_PROVIDER_URL"))
        .contains("https://payments.example.com");
    assertThat(template.ofType("AWS::Lambda::EventSourceMapping").values())
        .filteredOn(m -> at(m, "Properties", "ScalingConfig") != null)
        .hasSize(3)
        .allSatisfy(m ->
            assertThat(at(m, "Properties", "ScalingConfig", "MaximumConcurrency")).isEqualTo(20));
  }

  @Test
  void highValueRule_threshold_comesFromContext() {
    assertThat(template.ofType("AWS::Events::Rule").values())
        .extracting(r -> at(r, "Properties", "EventPattern", "detail", "data", "total"))
        .contains(List.of(Map.of("numeric", List.of(">=", 250000))));
  }

  @Test
  void alarms_alarmTopic_isNotifiedByEveryAlarm() {
    assertThat(template.ofType("AWS::CloudWatch::Alarm").values())
        .hasSize(10)
        .allSatisfy(a -> assertThat(at(a, "Properties", "AlarmActions")).isEqualTo(List.of(TOPIC)));
  }

  @Test
  void api_throttling_comesFromContext() {
    assertThat(at(template.only("AWS::ApiGateway::Stage"), "Properties", "MethodSettings"))
        .asString()
        .contains("ThrottlingRateLimit=500");
  }

  @Test
  void nag_prodStack_reportsNoFinding() {
    CdkTest.assertNagClean(prod.stack());
  }

  @Test
  void settings_provisionedConcurrencyAndSnapStart_areRefusedNamingTheContextKeys() {
    App app = CdkTest.app(Map.of("apiSnapStart", true, "apiProvisionedConcurrency", 2));

    assertThatThrownBy(() -> StageSettings.fromContext(app.getNode()::tryGetContext))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'apiProvisionedConcurrency' must be 0 when apiSnapStart is true");
  }

  @Test
  void settings_snapStartAlone_turnsProvisionedConcurrencyOff() {
    StageSettings settings = StageSettings.fromContext(Map.of("apiSnapStart", "true")::get);

    assertThat(settings.apiProvisionedConcurrency()).isZero();
    assertThat(settings.apiSnapStart()).isTrue();
  }
}
