/**
 * Publishers that never lose an entry silently: {@link
 * dev.idem.events.publish.EventBridgePublisher} (PutEvents) and {@link
 * dev.idem.events.publish.SqsBatchSender} (SendMessageBatch). Both pack entries into calls within
 * the service's limits, retry only the entries that failed for a retryable reason, with jittered
 * exponential backoff and a bounded number of attempts ({@link
 * dev.idem.events.publish.RetryPolicy}), and return every entry that never got through, with its
 * last error ({@link dev.idem.events.publish.BatchResult}).
 */
package dev.idem.events.publish;
