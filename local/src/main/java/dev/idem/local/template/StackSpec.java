package dev.idem.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a template declares that the local cloud emulates, resolved, plus what it does not.
 *
 * @param functions the Java functions
 * @param tables the DynamoDB tables
 * @param queues the SQS queues
 * @param buses the event buses (without {@code default}, which always exists)
 * @param rules the EventBridge rules
 * @param outputs the template's outputs, resolved to text
 * @param notEmulated what is accepted without local effect
 */
public record StackSpec(
    List<FunctionSpec> functions,
    List<TableSpec> tables,
    List<QueueSpec> queues,
    List<EventBusSpec> buses,
    List<RuleSpec> rules,
    Map<String, String> outputs,
    NotEmulated notEmulated) {

  public StackSpec {
    functions = List.copyOf(functions);
    tables = List.copyOf(tables);
    queues = List.copyOf(queues);
    buses = List.copyOf(buses);
    rules = List.copyOf(rules);
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
  }

  /** The function with this logical id or name. */
  public Optional<FunctionSpec> function(String logicalIdOrName) {
    return functions.stream()
        .filter(f -> f.logicalId().equals(logicalIdOrName) || f.name().equals(logicalIdOrName))
        .findFirst();
  }

  /** The table with this logical id. */
  public Optional<TableSpec> table(String logicalId) {
    return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
  }

  /** The queue with this logical id. */
  public Optional<QueueSpec> queue(String logicalId) {
    return queues.stream().filter(q -> q.logicalId().equals(logicalId)).findFirst();
  }

  /** The rule with this logical id. */
  public Optional<RuleSpec> rule(String logicalId) {
    return rules.stream().filter(r -> r.logicalId().equals(logicalId)).findFirst();
  }
}
