package dev.idem.local.template;

/**
 * The typed, resolved spec of one emulated resource: a function, which runs here, or a resource the
 * provisioner creates through the AWS APIs. Code that handles every kind switches over it (or over
 * {@link ProvisionedSpec}) without a default, so a new kind cannot be missed.
 */
public sealed interface ResourceSpec permits FunctionSpec, ProvisionedSpec {

  /** The resource's logical id in the template. */
  String logicalId();

  /** Its kind: what it is read from and how it is described. */
  ResourceKind kind();
}
