package dev.idem.local.template;

/** The typed, resolved spec of one emulated resource. */
public sealed interface ResourceSpec
    permits FunctionSpec, TableSpec, QueueSpec, EventBusSpec, RuleSpec {

  /** The resource's logical id in the template. */
  String logicalId();
}
