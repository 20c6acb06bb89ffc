/**
 * The SQS event source mapping: {@link dev.idem.local.sources.sqs.SqsEventSource} polls a queue
 * (long polls gathered into batches of {@code BatchSize} within {@code MaximumBatchingWindow}, at
 * most {@code MaximumConcurrency} in flight), invokes the function with the {@code SQSEvent} of
 * {@link dev.idem.local.sources.sqs.SqsEvents}, and checkpoints by deleting what succeeded, so what
 * failed comes back after the visibility timeout and the queue's redrive policy takes it to the
 * dead-letter queue. Its settings are a {@link dev.idem.local.sources.sqs.SqsSourceConfig}.
 */
package dev.idem.local.sources.sqs;
