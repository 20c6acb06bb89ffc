package dev.idem.local.template;

import java.time.Duration;

/**
 * An {@code SQS} event source mapping.
 *
 * @param name the event's key in {@code Events}
 * @param queueArn the queue's ARN
 * @param batchSize most messages per batch (default 10)
 * @param maxBatchingWindow how long to gather a batch (default zero)
 * @param reportBatchItemFailures whether the function answers {@code batchItemFailures}
 * @param maximumConcurrency most concurrent invocations ({@code ScalingConfig}), or null for no
 *     limit but the function's
 * @param enabled whether the mapping polls (default true)
 */
public record SqsEvent(
    String name,
    String queueArn,
    int batchSize,
    Duration maxBatchingWindow,
    boolean reportBatchItemFailures,
    Integer maximumConcurrency,
    boolean enabled)
    implements FunctionEvent {}
