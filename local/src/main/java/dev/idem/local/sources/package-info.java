/**
 * What every event source of the local cloud shares: the lifecycle of a polling mapping ({@link
 * dev.idem.local.sources.EventSource}: start, poll, stop, with a {@link
 * dev.idem.local.sources.StopSignal} its threads pause on), invoking through the {@link
 * dev.idem.local.lambda.Invoker} seam with throttles waited out ({@link
 * dev.idem.local.sources.Invocations}, {@link dev.idem.local.retry.Backoff}), Lambda's rules for a
 * batch answer ({@link dev.idem.local.sources.BatchResponse}) and for {@code FilterCriteria}
 * ({@link dev.idem.local.sources.EventFilter}), and the {@link
 * dev.idem.local.sources.SourceContext} through which each source reports one {@link
 * dev.idem.local.sources.SourceInvocation} per invocation and meets the fault injector ({@link
 * dev.idem.local.sources.DeliveryFaults}). {@link dev.idem.local.sources.EventSources} runs a
 * stack's mappings together. The sources themselves live one per package: {@code sqs}, {@code
 * dynamodb} (on the shard machinery of {@code stream}) and {@code api}; they talk to AWS through
 * plain SDK clients, so they run against the local cloud's edge or any AWS-compatible endpoint.
 */
package dev.idem.local.sources;
