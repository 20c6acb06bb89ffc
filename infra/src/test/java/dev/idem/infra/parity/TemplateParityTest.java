package dev.idem.infra.parity;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.events.ApiSchemas;
import dev.idem.infra.OrdersStacks;
import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import dev.idem.infra.support.CfnYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml and OrdersStack describe the same system: every function (handler, runtime, memory,
 * timeout, environment, logging, grants on tables and the bus, event sources), table, queue, rule,
 * route, API stage setting, bus and output, compared by role, not by logical id (see {@link
 * Shapes}). Both sides use their defaults (the template's parameter defaults, the stack's context
 * defaults). The request validation of {@code POST /orders} is compared too (model, validator, the
 * answer to an invalid body), and its model is the events module's schema file. What only the CDK
 * stack adds is not compared: alarms, auto scaling, aliases on queue consumers, the IAM for logs,
 * tracing and event source polling (SAM adds those through managed policies).
 */
class TemplateParityTest {

  private static SystemShape sam;
  private static SystemShape cdk;

  @BeforeAll
  static void readBoth() {
    sam =
        SystemShape.of(
            new SamModel(
                new CfnTemplate(CfnYaml.read(CdkTest.REPOSITORY.resolve("template.yaml")))));
    cdk = SystemShape.of(new CdkModel(OrdersStacks.defaults().template()));
  }

  @Test
  void functions_cdkAndSam_haveTheSameHandlersSettingsGrantsAndEventSources() {
    assertThat(cdk.functions().keySet()).isEqualTo(sam.functions().keySet()).hasSize(6);
    sam.functions()
        .forEach((handler, shape) ->
            assertThat(cdk.functions().get(handler)).as(handler).isEqualTo(shape));
  }

  @Test
  void tables_cdkAndSam_haveTheSameKeysStreamsTtlAndProtection() {
    assertThat(cdk.tables()).isEqualTo(sam.tables()).hasSize(4);
  }

  @Test
  void queues_cdkAndSam_haveTheSameRolesFifoRetentionAndRedrive() {
    assertThat(cdk.queues()).isEqualTo(sam.queues()).hasSize(10);
  }

  @Test
  void rules_cdkAndSam_haveTheSamePatternsAndTargets() {
    assertThat(cdk.rules()).isEqualTo(sam.rules()).hasSize(4);
  }

  @Test
  void api_cdkAndSam_haveTheSameRoutesStageAndAccessLogs() {
    assertThat(cdk.routes()).isEqualTo(sam.routes()).hasSize(2);
    assertThat(cdk.api()).isEqualTo(sam.api());
  }

  @Test
  void requestValidation_cdkAndSam_validatePostOrdersAlikeAndAnswerAlike() {
    assertThat(cdk.requestValidation()).isEqualTo(sam.requestValidation());
    assertThat(at(sam.requestValidation(), "POST /orders", "validateBody")).isEqualTo("true");
  }

  @Test
  void requestValidation_postOrdersModel_isTheEventsModulesSchema() {
    Object schema = CfnYaml.parse(ApiSchemas.placeOrderRequest());

    assertThat(at(sam.requestValidation(), "POST /orders", "schema"))
        .isEqualTo(Shapes.normal(schema));
    assertThat(at(cdk.requestValidation(), "POST /orders", "schema"))
        .isEqualTo(Shapes.normal(schema));
  }

  @Test
  void busesAndOutputs_cdkAndSam_areTheSame() {
    assertThat(cdk.buses()).isEqualTo(sam.buses()).hasSize(1);
    assertThat(cdk.outputs()).isEqualTo(sam.outputs());
  }

  @Test
  void queueRoles_bothTemplates_nameEveryKindOfQueue() {
    assertThat(sam.queues().keySet())
        .contains(
            "queue of CapturePaymentHandler",
            "dead letters of queue of CapturePaymentHandler",
            "failures of OrderEventsRelayHandler",
            "events no rule could deliver",
            "rule target without consumer");
  }
}
