package dev.idem.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultJsonTest {

  @Test
  void parse_minimalRule_takesDefaults() {
    FaultRule rule = only("[{\"kind\":\"aws-error\"}]");

    assertThat(rule.name()).isEqualTo("rule-1");
    assertThat(rule.probability()).isEqualTo(1.0);
    assertThat(rule.limit()).isZero();
    assertThat(rule.window()).isNull();
    assertThat(rule.match()).isEmpty();
    assertThat(rule.errorOrDefault())
        .isEqualTo(new FaultRule.ErrorSpec(503, "ServiceUnavailable", null));
  }

  @Test
  void parse_fullRule_readsEveryField() {
    FaultRule rule =
        only(
            """
            [{"name":"lost-writes","kind":"aws-applied-lost","service":"dynamodb",
              "operation":"TransactWriteItems","table":"arn:aws:dynamodb:us-east-1:0:table/Orders",
              "function":"arn:aws:lambda:us-east-1:0:function:PlaceOrder:live",
              "probability":0.25,"limit":7,"window":{"from":1.5,"until":60},"answer":"reset"}]
            """);

    assertThat(rule.name()).isEqualTo("lost-writes");
    assertThat(rule.kind()).isEqualTo(FaultKind.AWS_APPLIED_LOST);
    assertThat(rule.match())
        .containsEntry("table", "Orders")
        .containsEntry("function", "PlaceOrder")
        .containsEntry("operation", "TransactWriteItems");
    assertThat(rule.probability()).isEqualTo(0.25);
    assertThat(rule.limit()).isEqualTo(7);
    assertThat(rule.window())
        .isEqualTo(new FaultRule.Window(Duration.ofMillis(1500), Duration.ofSeconds(60)));
    assertThat(rule.answer()).isEqualTo(FaultRule.Answer.RESET);
    assertThat(rule.errorOrDefault().statusCode()).isEqualTo(500);
  }

  @Test
  void parse_killAfterCall_defaultsToTheFirstCall() {
    assertThat(only("[{\"kind\":\"lambda-kill-after-call\"}]").call()).isEqualTo(1);
    assertThat(only("[{\"kind\":\"lambda-hang\"}]").call()).isZero();
  }

  @Test
  void parse_stubAppliedLost_defaultsToALateAnswerAfter30Seconds() {
    FaultRule rule = only("[{\"kind\":\"stub-applied-lost\",\"stub\":\"payments\"}]");

    assertThat(rule.answer()).isEqualTo(FaultRule.Answer.TIMEOUT);
    assertThat(rule.latency()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void parse_unknownField_namesItAndWhatTheKindTakes() {
    assertThatThrownBy(() -> FaultPlan.parse("[{\"kind\":\"sqs-duplicate\",\"table\":\"T\"}]"))
        .isInstanceOf(FaultRuleException.class)
        .hasMessageContaining("rules[0].table: unknown field for kind sqs-duplicate")
        .hasMessageContaining("queue");
  }

  @Test
  void parse_unknownKind_namesTheKinds() {
    assertThatThrownBy(() -> FaultPlan.parse("[{\"kind\":\"meteor\"}]"))
        .hasMessageContaining("rules[0].kind: unknown kind 'meteor'")
        .hasMessageContaining("aws-error");
  }

  @Test
  void parse_probabilityOutsideZeroToOne_refused() {
    assertThatThrownBy(() -> FaultPlan.parse("[{\"kind\":\"aws-error\",\"probability\":1.5}]"))
        .hasMessage("rules[0].probability must be a number between 0 and 1");
    assertThatThrownBy(() -> FaultPlan.parse("[{\"kind\":\"aws-error\",\"probability\":\"1\"}]"))
        .hasMessage("rules[0].probability must be a number between 0 and 1");
  }

  @Test
  void parse_unknownService_refusedNamingTheServices() {
    assertThatThrownBy(() -> FaultPlan.parse("[{\"kind\":\"aws-error\",\"service\":\"s3\"}]"))
        .hasMessageContaining("rules[0].service: unknown service 's3'")
        .hasMessageContaining("dynamodb");
  }

  @Test
  void parse_badWindowAndLatency_refused() {
    assertThatThrownBy(
            () -> FaultPlan.parse("[{\"kind\":\"aws-error\",\"window\":{\"from\":5,\"until\":5}}]"))
        .hasMessage("rules[0].window.until must be greater than from");
    assertThatThrownBy(() -> FaultPlan.parse("[{\"kind\":\"aws-latency\"}]"))
        .hasMessage("rules[0].latencyMs is required for kind aws-latency");
    assertThatThrownBy(
            () -> FaultPlan.parse("[{\"kind\":\"aws-error\",\"error\":{\"statusCode\":200}}]"))
        .hasMessage("rules[0].error.statusCode must be between 400 and 599");
  }

  @Test
  void parse_fileObject_readsSeedRulesLocalStackAndEffects() {
    FaultPlan plan =
        FaultPlan.parse(
            """
            {"seed": 42, "rules": [{"kind":"sqs-duplicate"}],
             "localstack": [{"service":"sqs","probability":0.5}], "effects": {"latency": 20}}
            """);

    assertThat(plan.seed()).isEqualTo(42);
    assertThat(plan.rules()).extracting(FaultRule::kind).containsExactly(FaultKind.SQS_DUPLICATE);
    assertThat(plan.chaos()).containsExactly(new ChaosRule("sqs", null, null, 0.5, null));
    assertThat(plan.latency()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void write_thenRead_sameRule() {
    FaultRule rule =
        only(
            "[{\"kind\":\"lambda-kill-after-call\",\"function\":\"F\",\"call\":3,"
                + "\"probability\":0.1,\"limit\":2,\"window\":{\"from\":0,\"until\":9}}]");

    String written = FaultJson.writeRules(List.of(rule)).toString();

    assertThat(only(written)).isEqualTo(rule);
  }

  @Test
  void chaosRule_writtenAsPosted() {
    List<ChaosRule> rules =
        FaultJson.chaosRules(
            FaultJson.parse(
                "[{\"service\":\"dynamodb\",\"error\":{\"statusCode\":400,\"code\":\"ThrottlingException\"}}]"),
            "body");

    assertThat(FaultJson.writeChaosRules(rules).toString())
        .isEqualTo(
            "[{\"service\":\"dynamodb\",\"error\":{\"statusCode\":400,\"code\":\"ThrottlingException\"}}]");
  }

  private static FaultRule only(String json) {
    List<FaultRule> rules = FaultPlan.parse(json).rules();
    assertThat(rules).hasSize(1);
    return rules.get(0);
  }
}
