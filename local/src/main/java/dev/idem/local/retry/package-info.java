/**
 * The one retry schedule of the local cloud ({@link dev.idem.local.retry.Backoff}: exponential with
 * jitter), used by the event sources' polls and throttles and by EventBridge's delivery retries; it
 * depends on nothing but {@code java.*}, so any package can use it without a cycle.
 */
package dev.idem.local.retry;
