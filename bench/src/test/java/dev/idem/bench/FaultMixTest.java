package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.faults.FaultKind;
import dev.idem.local.faults.FaultRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultMixTest {

  @Test
  void rules_defaultRun_injectEveryKind() {
    List<FaultRule> rules = FaultMix.rules(5_000);

    assertThat(rules).extracting(FaultRule::kind).containsAll(List.of(FaultKind.values()));
  }

  @Test
  void rules_awsAndPutEventsFaults_strikeOnlyTheSystemsFunctions() {
    Set<String> functions =
        Set.of(
            FaultMix.PLACE_ORDER,
            FaultMix.RELAY,
            FaultMix.CAPTURE,
            FaultMix.RESERVE,
            FaultMix.NOTIFY);

    assertThat(FaultMix.rules(5_000))
        .filteredOn(
            rule -> rule.kind().id().startsWith("aws-") || rule.kind().id().startsWith("put"))
        .isNotEmpty()
        .allSatisfy(rule -> assertThat(functions).contains(rule.match().get("function")));
  }

  @Test
  void rules_instanceFaults_areLimited() {
    assertThat(FaultMix.rules(5_000))
        .filteredOn(rule -> rule.kind().id().startsWith("lambda-") && rule.latency() == null)
        .isNotEmpty()
        .allSatisfy(rule -> assertThat(rule.limit()).isPositive());
  }

  @Test
  void rules_smallRun_keepsTheLeastTargetSoProbabilitiesAreHigher() {
    double small = probability(FaultMix.rules(250), "sqs-duplicate/any");
    double large = probability(FaultMix.rules(5_000), "sqs-duplicate/any");

    assertThat(small).isGreaterThan(large);
    assertThat(large * 5_000 * FaultMix.SQS_BATCHES)
        .isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void rules_anyRun_probabilitiesAtMostOneHalf() {
    assertThat(FaultMix.rules(10))
        .allSatisfy(rule -> assertThat(rule.probability()).isBetween(0.0, 0.5));
  }

  @Test
  void rules_defaultRun_killsAndHangsCappedAtAboutSixtyFourPerKindAndOneOnTheRelay() {
    List<FaultRule> rules = FaultMix.rules(5_000);

    for (String kind : List.of("lambda-kill-before-handler", "lambda-hang")) {
      long limits =
          rules.stream().filter(r -> r.kind().id().equals(kind)).mapToLong(FaultRule::limit).sum();
      assertThat(limits).as(kind).isBetween(64L, 80L);
    }
    assertThat(rules)
        .filteredOn(r -> FaultMix.RELAY.equals(r.match().get("function")))
        .filteredOn(r -> r.kind().id().startsWith("lambda-"))
        .allSatisfy(r -> assertThat(r.limit()).isEqualTo(1));
  }

  private static double probability(List<FaultRule> rules, String name) {
    return rules.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow()
        .probability();
  }
}
