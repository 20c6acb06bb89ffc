package dev.idem.local.template;

/**
 * A resource created through the AWS APIs before the functions start, in {@link
 * Template#provisioningOrder()}: the provisioner handles each of these in one exhaustive switch.
 */
public sealed interface ProvisionedSpec extends ResourceSpec
    permits TableSpec, QueueSpec, EventBusSpec, RuleSpec {

  /** Its physical name: the table's, queue's, bus's or rule's. */
  String name();
}
