/**
 * CloudFormation/SAM templates as the local cloud reads them: {@link
 * dev.idem.local.template.Template} parses YAML with short-form tags, takes parameter overrides,
 * evaluates conditions, merges {@code Globals} and resolves intrinsic functions into typed specs
 * ({@link dev.idem.local.template.StackSpec}: functions with their events, tables, queues, buses,
 * rules). What a template declares but the local cloud does not emulate is collected in {@link
 * dev.idem.local.template.NotEmulated}, never dropped silently.
 */
package dev.idem.local.template;
