package dev.idem.infra.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.infra.OrdersStacks;
import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import dev.idem.infra.support.CfnYaml;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parity comparison notices a change made to template.yaml alone: each test edits one setting
 * of a fresh copy of the template and expects that part of the shapes to differ from the stack's.
 */
class TemplateParitySensitivityTest {

  private static final String RESOURCES = "Resources";
  private static final String P = "Properties";

  private static SystemShape cdk;

  @BeforeAll
  static void synthesize() {
    cdk = SystemShape.of(new CdkModel(OrdersStacks.defaults().template()));
  }

  @Test
  void functions_templateBatchSizeChanged_differ() {
    SystemShape sam =
        edited(t ->
            map(t, RESOURCES, "CapturePaymentFunction", P, "Events", "PaymentsQueue", P)
                .put("BatchSize", 5));
    assertThat(sam.functions()).isNotEqualTo(cdk.functions());
  }

  @Test
  void functions_templateEnvironmentVariableRemoved_differ() {
    SystemShape sam =
        edited(t ->
            map(t, RESOURCES, "CapturePaymentFunction", P, "Environment", "Variables")
                .remove("PAYMENT_PROVIDER_URL"));
    assertThat(sam.functions()).isNotEqualTo(cdk.functions());
  }

  @Test
  void functions_templateGrantWidened_differ() {
    SystemShape sam =
        edited(t -> {
          Object policy = list(map(t, RESOURCES, "GetOrderFunction", P), "Policies").get(0);
          Object statement = list(policy, "Statement").get(0);
          map(statement).put("Action", List.of("dynamodb:GetItem", "dynamodb:Scan"));
        });
    assertThat(sam.functions()).isNotEqualTo(cdk.functions());
  }

  @Test
  void tables_templateTimeToLiveRemoved_differ() {
    SystemShape sam =
        edited(t -> map(t, RESOURCES, "IdempotencyTable", P).remove("TimeToLiveSpecification"));
    assertThat(sam.tables()).isNotEqualTo(cdk.tables());
  }

  @Test
  void queues_templateMaxReceiveCountChanged_differ() {
    SystemShape sam =
        edited(
            t -> map(t, RESOURCES, "PaymentsQueue", P, "RedrivePolicy").put("maxReceiveCount", 3));
    assertThat(sam.queues()).isNotEqualTo(cdk.queues());
  }

  @Test
  void rules_templateThresholdDefaultChanged_differ() {
    SystemShape sam =
        edited(t -> map(t, "Parameters", "HighValueOrderThreshold").put("Default", 5000));
    assertThat(sam.rules()).isNotEqualTo(cdk.rules());
  }

  @Test
  void rules_templateTargetSwapped_differ() {
    SystemShape sam =
        edited(t ->
            map(list(map(t, RESOURCES, "OrderPlacedToPayments", P), "Targets").get(0))
                .put("Arn", Map.of("Fn::GetAtt", List.of("NotificationsQueue", "Arn"))));
    assertThat(sam.rules()).isNotEqualTo(cdk.rules());
  }

  @Test
  void requestValidation_templateModelOpenedToUnknownFields_differ() {
    SystemShape sam =
        edited(t ->
            map(t, RESOURCES, "OrdersApi", P, "Models", "PlaceOrderRequest")
                .put("additionalProperties", true));
    assertThat(sam.requestValidation()).isNotEqualTo(cdk.requestValidation());
  }

  @Test
  void requestValidation_templateStopsValidatingTheBody_differ() {
    SystemShape sam =
        edited(t ->
            map(t, RESOURCES, "PlaceOrderFunction", P, "Events", "PostOrder", P, "RequestModel")
                .put("ValidateBody", false));
    assertThat(sam.requestValidation()).isNotEqualTo(cdk.requestValidation());
  }

  private static SystemShape edited(Consumer<Map<String, Object>> edit) {
    Map<String, Object> template = CfnYaml.read(CdkTest.REPOSITORY.resolve("template.yaml"));
    edit.accept(template);
    return SystemShape.of(new SamModel(new CfnTemplate(template)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object root, String... path) {
    return (Map<String, Object>) CfnTemplate.at(root, path);
  }

  private static List<?> list(Object root, String key) {
    return (List<?>) CfnTemplate.at(root, key);
  }
}
