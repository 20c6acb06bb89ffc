package dev.idem.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private final AtomicLong now = new AtomicLong();
  private final List<String> console = new ArrayList<>();

  @Test
  void decide_firstMatchingRuleDecides_laterOnesNeverAsked() {
    Faults faults =
        faults(
            """
            [{"name":"never","kind":"aws-error","operation":"PutItem","probability":0},
             {"name":"always","kind":"aws-error","probability":1}]
            """);

    assertThat(faults.decide(FaultKind.AWS_ERROR, call("PutItem"))).isEmpty();
    assertThat(faults.decide(FaultKind.AWS_ERROR, call("GetItem")))
        .hasValueSatisfying(rule -> assertThat(rule.name()).isEqualTo("always"));
  }

  @Test
  void decide_sameSeedAndCalls_sameDecisions_otherSeed_otherDecisions() {
    String rules = "{\"seed\": 7, \"rules\": [{\"kind\":\"aws-error\",\"probability\":0.3}]}";

    List<Boolean> first = draws(faults(rules), 200);
    List<Boolean> second = draws(faults(rules), 200);
    List<Boolean> other = draws(faults(rules.replace("\"seed\": 7", "\"seed\": 8")), 200);

    assertThat(first).isEqualTo(second).isNotEqualTo(other);
  }

  @Test
  void decide_decisionOfOneTarget_doesNotDependOnCallsToOthers() {
    String rules = "{\"seed\": 3, \"rules\": [{\"kind\":\"aws-error\",\"probability\":0.5}]}";
    Faults alone = faults(rules);
    Faults interleaved = faults(rules);

    List<Boolean> expected = new ArrayList<>();
    List<Boolean> actual = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(alone.decide(FaultKind.AWS_ERROR, call("PutItem")).isPresent());
      interleaved.decide(FaultKind.AWS_ERROR, call("GetItem"));
      actual.add(interleaved.decide(FaultKind.AWS_ERROR, call("PutItem")).isPresent());
    }

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void decide_probability_firesAboutThatOften() {
    Faults faults = faults("[{\"kind\":\"aws-error\",\"probability\":0.1}]");

    long fired = draws(faults, 20_000).stream().filter(b -> b).count();

    // 2,000 expected; the standard deviation is 42, so 6 of them either way.
    assertThat(fired).isBetween(1_750L, 2_250L);
  }

  @Test
  void decide_limit_stopsAfterThatManyFaults() {
    Faults faults = faults("[{\"kind\":\"aws-error\",\"limit\":3}]");

    assertThat(draws(faults, 10))
        .containsExactly(true, true, true, false, false, false, false, false, false, false);
    assertThat(faults.log().total()).isEqualTo(3);
  }

  @Test
  void decide_window_activeOnlyInside() {
    Faults faults = faults("[{\"kind\":\"aws-error\",\"window\":{\"from\":10,\"until\":20}}]");

    assertThat(faults.decide(FaultKind.AWS_ERROR, call("PutItem"))).isEmpty();
    now.set(Duration.ofSeconds(10).toNanos());
    assertThat(faults.decide(FaultKind.AWS_ERROR, call("PutItem"))).isPresent();
    now.set(Duration.ofSeconds(20).toNanos());
    assertThat(faults.decide(FaultKind.AWS_ERROR, call("PutItem"))).isEmpty();
  }

  @Test
  void decide_ruleWithCall_matchesOnlyThatCallOfAnInvocation() {
    Faults faults = faults("[{\"kind\":\"lambda-kill-after-call\",\"call\":2}]");

    assertThat(faults.decide(FaultKind.LAMBDA_KILL_AFTER_CALL, nth(1))).isEmpty();
    assertThat(faults.decide(FaultKind.LAMBDA_KILL_AFTER_CALL, nth(2))).isPresent();
    assertThat(faults.decide(FaultKind.LAMBDA_KILL_AFTER_CALL, call("PutItem"))).isEmpty();
  }

  @Test
  void decide_injected_loggedAsOneJsonLineAndCounted() {
    Faults faults = faults("[{\"name\":\"r\",\"kind\":\"sqs-duplicate\",\"queue\":\"Q\"}]");
    FaultTarget batch = FaultTarget.builder("m-1").put("queue", "Q").build();

    faults.decide(FaultKind.SQS_DUPLICATE, batch);

    assertThat(console)
        .singleElement()
        .satisfies(line ->
            assertThat(line)
                .startsWith("{\"seq\":1,\"time\":")
                .contains("\"fault\":\"sqs-duplicate\",\"rule\":\"r\",\"target\":\"queue=Q\"")
                .endsWith("\"requestId\":\"m-1\"}"));
    assertThat(faults.log().byKind()).containsEntry("sqs-duplicate", 1L);
    assertThat(faults.log().summary()).isEqualTo("faults injected: 1 (sqs-duplicate 1)");
  }

  @Test
  void decideChaos_localStackRule_matchesServiceAndOperation() {
    Faults faults =
        faults("{\"localstack\": [{\"service\":\"dynamodb\",\"operation\":\"PutItem\"}]}");

    assertThat(faults.decideChaos(call("PutItem")))
        .contains(FaultRule.ErrorSpec.SERVICE_UNAVAILABLE);
    assertThat(faults.decideChaos(call("GetItem"))).isEmpty();
    assertThat(faults.log().byRule()).containsEntry("localstack-1", 1L);
  }

  @Test
  void remove_byNameOrByEquality() {
    Faults faults =
        faults(
            """
            [{"name":"a","kind":"aws-error"},{"kind":"sqs-duplicate","queue":"Q"},
             {"kind":"sqs-duplicate","queue":"R"}]
            """);

    faults.remove(
        FaultPlan.parse(
                "[{\"name\":\"a\",\"kind\":\"aws-error\"},{\"kind\":\"sqs-duplicate\",\"queue\":\"Q\"}]")
            .rules(),
        List.of(true, false));

    assertThat(faults.rules())
        .singleElement()
        .satisfies(rule -> assertThat(rule.match()).containsEntry("queue", "R"));
  }

  private Faults faults(String plan) {
    return new Faults(FaultPlan.parse(plan), Clock.systemUTC(), now::get, console::add);
  }

  private static List<Boolean> draws(Faults faults, int count) {
    List<Boolean> fired = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      fired.add(faults.decide(FaultKind.AWS_ERROR, call("PutItem")).isPresent());
    }
    return fired;
  }

  private static FaultTarget call(String operation) {
    return FaultTarget.builder(null).put("service", "dynamodb").put("operation", operation).build();
  }

  private static FaultTarget nth(int number) {
    return FaultTarget.builder("r-1")
        .put("function", "F")
        .put("service", "dynamodb")
        .put("call", Integer.toString(number))
        .build();
  }
}
