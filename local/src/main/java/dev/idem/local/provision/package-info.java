/**
 * Provisioning a template's resources through the AWS APIs, on the embedded backends or any other
 * AWS-compatible endpoint: {@link dev.idem.local.provision.Provisioner} creates them level by level
 * ({@link dev.idem.local.template.Template#provisioningLevels()}), each kind of {@link
 * dev.idem.local.template.ProvisionedSpec} by its own provisioner, and returns the stack resolved
 * with the physical ids the backends gave ({@link dev.idem.local.provision.ProvisionedStack}).
 */
package dev.idem.local.provision;
