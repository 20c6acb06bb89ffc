package dev.idem.local.provision;

import dev.idem.local.template.PhysicalIds;
import dev.idem.local.template.ProvisionedSpec;

/**
 * Creates one kind of resource through the AWS APIs, taking one that already exists as it is, and
 * records the physical ids the backend gave it (ARNs, URLs) for what refers to it.
 *
 * @param <S> the kind's spec
 */
sealed interface ResourceProvisioner<S extends ProvisionedSpec>
    permits TableProvisioner, QueueProvisioner, EventBusProvisioner, RuleProvisioner {

  /**
   * Creates the resource (or takes the existing one) and puts its ids into {@code ids}.
   *
   * @throws software.amazon.awssdk.core.exception.SdkException when the backend refuses it
   */
  void create(S spec, PhysicalIds ids);
}
