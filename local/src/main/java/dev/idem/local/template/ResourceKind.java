package dev.idem.local.template;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of resource that become specs of their own, each with the CloudFormation types it is
 * read from (SAM's and plain CloudFormation's) and the words that describe it. A new kind is a
 * constant here, a spec record of {@link ResourceSpec} (a {@link ProvisionedSpec} when the
 * provisioner creates it) and its reader; the exhaustive switches over both (in {@link SpecReader}
 * and {@code dev.idem.local.provision.Provisioner}) then fail to compile until they handle it.
 * Resources that only attach to a function (mappings, aliases, versions, layers, API methods and
 * routes, schedules) are read with it, and are no kind of their own.
 */
public enum ResourceKind {
  FUNCTION(FunctionSpec.class, "function", "functions", FunctionReader.TYPE, LambdaReader.FUNCTION),
  TABLE(TableSpec.class, "table", "tables", TableReader.TABLE, TableReader.SIMPLE_TABLE),
  QUEUE(QueueSpec.class, "queue", "queues", QueueReader.QUEUE),
  EVENT_BUS(EventBusSpec.class, "event bus", "event buses", EventBusReader.TYPE),
  RULE(RuleSpec.class, "rule", "rules", RuleReader.TYPE);

  private final Class<? extends ResourceSpec> spec;
  private final String one;
  private final String many;
  private final List<String> types;

  ResourceKind(Class<? extends ResourceSpec> spec, String one, String many, String... types) {
    this.spec = spec;
    this.one = one;
    this.many = many;
    this.types = List.of(types);
  }

  /** The kind a CloudFormation type is read as; empty for types with no spec of their own. */
  public static Optional<ResourceKind> of(String type) {
    return Arrays.stream(values()).filter(kind -> kind.types.contains(type)).findFirst();
  }

  /** The CloudFormation types read as this kind, e.g. {@code AWS::SQS::Queue}. */
  public List<String> types() {
    return types;
  }

  /** Whether the provisioner creates it through the AWS APIs (functions run here instead). */
  public boolean provisioned() {
    return ProvisionedSpec.class.isAssignableFrom(spec);
  }

  /** {@code count} of this kind in words: {@code 1 event bus}, {@code 4 rules}. */
  public String count(int count) {
    return count + " " + (count == 1 ? one : many);
  }
}
