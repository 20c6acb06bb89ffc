package dev.idem.local.provision;

import dev.idem.local.template.PhysicalIds;
import dev.idem.local.template.StackSpec;
import java.time.Duration;

/**
 * What the provisioner created: the template's specs resolved with the real physical ids (queue
 * URLs and table stream ARNs as the backends report them), and those ids.
 *
 * @param stack the specs, resolved with {@code ids}: functions' environments name the real tables,
 *     queues and bus; stream events name the real stream ARNs
 * @param ids the physical ids, for resolving anything else (Ref, GetAtt)
 * @param took how long provisioning took
 */
public record ProvisionedStack(StackSpec stack, PhysicalIds ids, Duration took) {}
