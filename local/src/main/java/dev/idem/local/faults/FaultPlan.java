package dev.idem.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The faults a local cloud starts with ({@code bin/idem local --faults FILE}): Idem rules,
 * LocalStack Chaos API rules, a latency added to every AWS call, and the seed of the fault
 * decisions. The file is either a JSON list of Idem rules, or an object:
 *
 * {@snippet lang = "json" :
 * {"seed": 42,
 *  "rules": [{"kind": "lambda-kill-after-call", "function": "CapturePaymentFunction", "probability": 0.05}],
 *  "localstack": [{"service": "dynamodb", "operation": "PutItem", "probability": 0.01}],
 *  "effects": {"latency": 20}}
 * }
 *
 * @param seed the seed of every fault decision, or null for a random one (printed at start)
 * @param rules Idem rules, in order
 * @param chaos LocalStack Chaos API rules, in order
 * @param latency added to every AWS call at the edge (LocalStack's {@code effects.latency})
 */
public record FaultPlan(Long seed, List<FaultRule> rules, List<ChaosRule> chaos, Duration latency) {

  private static final Set<String> FILE_FIELDS = Set.of("seed", "rules", "localstack", "effects");

  /** Checks the components. */
  public FaultPlan {
    rules = List.copyOf(rules);
    chaos = List.copyOf(chaos);
    Objects.requireNonNull(latency, "latency");
  }

  /** No faults, a random seed. */
  public static FaultPlan none() {
    return new FaultPlan(null, List.of(), List.of(), Duration.ZERO);
  }

  /** Whether it injects anything at all. */
  public boolean isEmpty() {
    return rules.isEmpty() && chaos.isEmpty() && latency.isZero();
  }

  /** This plan with another seed. */
  public FaultPlan withSeed(long newSeed) {
    return new FaultPlan(newSeed, rules, chaos, latency);
  }

  /**
   * Reads a fault file.
   *
   * @throws FaultRuleException naming the file and the bad field
   * @throws UncheckedIOException when the file cannot be read
   */
  public static FaultPlan read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (FaultRuleException e) {
      throw new FaultRuleException("faults file " + file + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the faults file " + file, e);
    }
  }

  /**
   * Reads a plan from its JSON text.
   *
   * @throws FaultRuleException naming the bad field
   */
  public static FaultPlan parse(String json) {
    JsonNode root = FaultJson.parse(json);
    if (root.isArray()) {
      return new FaultPlan(null, FaultJson.rules(root, "rules", 1), List.of(), Duration.ZERO);
    }
    if (!root.isObject()) {
      throw new FaultRuleException("must be a list of rules or an object with \"rules\"");
    }
    FaultJson.rejectUnknown(root, FILE_FIELDS, "faults");
    JsonNode seed = root.get("seed");
    if (seed != null && !seed.isIntegralNumber()) {
      throw new FaultRuleException("seed must be a whole number");
    }
    JsonNode rules = root.get("rules");
    JsonNode chaos = root.get("localstack");
    return new FaultPlan(
        seed == null ? null : seed.asLong(),
        rules == null ? List.of() : FaultJson.rules(rules, "rules", 1),
        chaos == null ? List.of() : FaultJson.chaosRules(chaos, "localstack"),
        effects(root.get("effects")));
  }

  private static Duration effects(JsonNode effects) {
    if (effects == null) {
      return Duration.ZERO;
    }
    if (!effects.isObject()) {
      throw new FaultRuleException("effects must be an object {\"latency\": ms}");
    }
    FaultJson.rejectUnknown(effects, Set.of("latency"), "effects");
    return Duration.ofMillis(FaultJson.longField(effects.get("latency"), "effects.latency", 0));
  }
}
