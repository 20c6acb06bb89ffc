/**
 * CloudFormation templates as the local cloud reads them — SAM or plain, YAML (with short-form
 * tags) or JSON, on their own or as a stack of a CDK cloud assembly ({@link
 * dev.idem.local.template.CloudAssembly}): {@link dev.idem.local.template.Template} takes parameter
 * overrides, checks {@code Rules}, evaluates conditions, merges {@code Globals} and resolves
 * intrinsic functions into typed specs ({@link dev.idem.local.template.StackSpec}: functions with
 * their events and aliases, tables, queues, buses, rules). Each {@link
 * dev.idem.local.template.ResourceKind} lists the CloudFormation types read as it and has one
 * reader, and its spec is a record of the sealed {@link dev.idem.local.template.ResourceSpec}. What
 * a template declares but the local cloud does not emulate is collected in {@link
 * dev.idem.local.template.NotEmulated}, never dropped silently.
 */
package dev.idem.local.template;
