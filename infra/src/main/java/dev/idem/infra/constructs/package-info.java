/**
 * Reusable CDK constructs for idempotent Lambda functions, secure by default (cdk-nag's
 * AwsSolutions pack finds nothing unsuppressed; each suppression says why):
 *
 * <ul>
 *   <li>{@link dev.idem.infra.constructs.IdempotencyTable}: the idempotency library's table, and a
 *       grant of exactly the item actions its store uses;
 *   <li>{@link dev.idem.infra.constructs.IdempotentFunction}: a Java function with its role, log
 *       group, tracing, idempotency wiring, an alias and one scaling mode;
 *   <li>{@link dev.idem.infra.constructs.QueueConsumer}: an SQS queue, its dead-letter queue and
 *       alarms, consumed by a function with partial batch failures;
 *   <li>{@link dev.idem.infra.constructs.MonitoredQueue} and {@link
 *       dev.idem.infra.constructs.DeadLetterQueue}: the queues alone;
 *   <li>{@link dev.idem.infra.constructs.OrdersApi}: the reference system's REST API.
 * </ul>
 */
package dev.idem.infra.constructs;
