package dev.idem.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
 * @param constructPaths the CDK construct path of each resource synthesized by CDK, by logical id
 *     ({@code CatalogTable} for {@code CatalogTableF8EA09BD}); empty for other templates
 */
public record StackSpec(
    List<FunctionSpec> functions,
    List<TableSpec> tables,
    List<QueueSpec> queues,
    List<EventBusSpec> buses,
    List<RuleSpec> rules,
    Map<String, String> outputs,
    NotEmulated notEmulated,
    Map<String, String> constructPaths) {

  public StackSpec {
    functions = List.copyOf(functions);
    tables = List.copyOf(tables);
    queues = List.copyOf(queues);
    buses = List.copyOf(buses);
    rules = List.copyOf(rules);
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    constructPaths = Map.copyOf(constructPaths);
  }

  /** A stack of a template without construct paths. */
  public StackSpec(
      List<FunctionSpec> functions,
      List<TableSpec> tables,
      List<QueueSpec> queues,
      List<EventBusSpec> buses,
      List<RuleSpec> rules,
      Map<String, String> outputs,
      NotEmulated notEmulated) {
    this(functions, tables, queues, buses, rules, outputs, notEmulated, Map.of());
  }

  /** Every resource's spec: the functions, then the tables, queues, buses and rules. */
  public List<ResourceSpec> resources() {
    return Stream.of(functions, tables, queues, buses, rules)
        .<ResourceSpec>flatMap(List::stream)
        .toList();
  }

  /** How many resources of this kind the stack has. */
  public int count(ResourceKind kind) {
    return (int) resources().stream().filter(r -> r.kind() == kind).count();
  }

  /**
   * The function with this logical id, name or CDK construct path ({@code PlaceOrder/Function}).
   */
  public Optional<FunctionSpec> function(String id) {
    return functions.stream()
        .filter(f -> f.name().equals(id) || names(f.logicalId(), id))
        .findFirst();
  }

  /** The table with this logical id or CDK construct path ({@code CatalogTable}). */
  public Optional<TableSpec> table(String id) {
    return tables.stream().filter(t -> names(t.logicalId(), id)).findFirst();
  }

  /** The queue with this logical id or CDK construct path. */
  public Optional<QueueSpec> queue(String id) {
    return queues.stream().filter(q -> names(q.logicalId(), id)).findFirst();
  }

  /** The rule with this logical id or CDK construct path. */
  public Optional<RuleSpec> rule(String id) {
    return rules.stream().filter(r -> names(r.logicalId(), id)).findFirst();
  }

  private boolean names(String logicalId, String id) {
    return logicalId.equals(id) || id.equals(constructPaths.get(logicalId));
  }
}
