package dev.idem.local.sources.sqs;

import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import dev.idem.local.sources.BatchResponse;
import dev.idem.local.sources.DeliveryFaults;
import dev.idem.local.sources.EventFilter;
import dev.idem.local.sources.Invocations;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.SourceInvocation;
import dev.idem.local.sources.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/** Invokes the function with one batch and settles its messages by the outcome. */
final class SqsBatchRunner {

  private static final System.Logger LOG = System.getLogger(SqsBatchRunner.class.getName());

  private final SqsSourceConfig config;
  private final SqsClient sqs;
  private final SourceContext context;
  private final StopSignal stop;
  private final Duration visibilityTimeout;
  private final String source;
  private final EventFilter filter;

  SqsBatchRunner(
      SqsSourceConfig config,
      SqsClient sqs,
      SourceContext context,
      StopSignal stop,
      Duration visibilityTimeout) {
    this.config = config;
    this.sqs = sqs;
    this.context = context;
    this.stop = stop;
    this.visibilityTimeout = visibilityTimeout;
    this.source = "sqs " + config.queueName();
    this.filter = EventFilter.of(config.filters());
  }

  void run(SqsBatch received) {
    SqsBatch batch = filtered(received);
    if (batch.messages().isEmpty()) {
      return;
    }
    DeliveryFaults faults = context.faults();
    if (faults.lapseVisibility(config.functionName(), config.queueName(), batch.messageIds())) {
      release(batch); // the queue hands the messages out again while this invocation runs
    }
    if (faults.duplicateSqsBatch(config.functionName(), config.queueName(), batch.messageIds())) {
      Thread.ofVirtual().name("sqs-duplicate-" + config.queueName()).start(() -> runOnce(batch));
    }
    runOnce(batch);
  }

  private void runOnce(SqsBatch batch) {
    byte[] event = SqsEvents.event(batch.messages(), config);
    long begin = System.nanoTime();
    Duration visibilityLeft = Duration.ofNanos(expiry(batch) - begin);
    InvocationResult result =
        Invocations.untilAdmitted(
            context,
            config.functionName(),
            event,
            new InvocationSource(
                InvocationSource.SQS, config.queueName(), null, 1, batch.messages().size()),
            stop,
            visibilityLeft);
    if (result == null) {
      release(batch);
      report(batch, begin, "THROTTLED when the source closed: made visible again");
    } else if (result.status() == InvocationResult.Status.THROTTLED) {
      report(batch, begin, "THROTTLED until the visibility timeout passed: left for redelivery");
    } else {
      settle(batch, result, begin);
    }
  }

  /**
   * The messages the mapping's FilterCriteria let through; the others are deleted, as Lambda does.
   */
  private SqsBatch filtered(SqsBatch batch) {
    if (filter.isEmpty()) {
      return batch;
    }
    List<Message> kept = new ArrayList<>();
    List<Message> dropped = new ArrayList<>();
    for (Message message : batch.messages()) {
      (filter.matches(SqsEvents.filterable(message, config)) ? kept : dropped).add(message);
    }
    if (!dropped.isEmpty()) {
      delete(dropped);
      context.report(
          new SourceInvocation(
              config.functionName(),
              source,
              dropped.size(),
              Duration.ZERO,
              "filtered out (FilterCriteria): deleted, not invoked"));
    }
    return new SqsBatch(kept, batch.firstReceivedNanos());
  }

  /** Makes the messages visible again at once. */
  void release(SqsBatch batch) {
    List<Message> messages = batch.messages();
    for (int from = 0; from < messages.size(); from += 10) {
      List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(from + 10, messages.size()); i++) {
        entries.add(
            ChangeMessageVisibilityBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(messages.get(i).receiptHandle())
                .visibilityTimeout(0)
                .build());
      }
      try {
        sqs.changeMessageVisibilityBatch(r -> r.queueUrl(config.queueUrl()).entries(entries));
      } catch (SdkException e) {
        LOG.log(System.Logger.Level.DEBUG, "Messages stay invisible until their timeout", e);
      }
    }
  }

  private long expiry(SqsBatch batch) {
    return batch.firstReceivedNanos() + visibilityTimeout.toNanos();
  }

  private void settle(SqsBatch batch, InvocationResult result, long begin) {
    if (result.status() == InvocationResult.Status.FUNCTION_ERROR) {
      report(batch, begin, "FUNCTION_ERROR " + result.errorType() + ": batch left for retry");
      return;
    }
    if (!config.reportBatchItemFailures()) {
      delete(batch.messages());
      report(batch, begin, "OK");
      return;
    }
    BatchResponse response = BatchResponse.parse(result.payload(), batch.messageIds());
    if (!response.valid()) {
      report(batch, begin, "OK but " + response.invalidReason() + ": whole batch left for retry");
      return;
    }
    Set<String> failed = new HashSet<>(response.failed());
    delete(batch.messages().stream().filter(m -> !failed.contains(m.messageId())).toList());
    report(
        batch,
        begin,
        failed.isEmpty()
            ? "OK"
            : "OK, " + failed.size() + " of " + batch.messages().size() + " failed");
  }

  private void delete(List<Message> messages) {
    for (int from = 0; from < messages.size(); from += 10) {
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(from + 10, messages.size()); i++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(messages.get(i).receiptHandle())
                .build());
      }
      try {
        List<BatchResultErrorEntry> failed =
            sqs.deleteMessageBatch(r -> r.queueUrl(config.queueUrl()).entries(entries)).failed();
        failed.forEach(this::logDeleteFailure);
      } catch (SdkException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "SQS source of {0}: deleting processed messages failed; they will be delivered again",
            config.functionName(),
            e);
      }
    }
  }

  private void logDeleteFailure(BatchResultErrorEntry entry) {
    LOG.log(
        System.Logger.Level.WARNING,
        "SQS source of {0}: message not deleted ({1}: {2}); it will be delivered again",
        config.functionName(),
        entry.code(),
        entry.message());
  }

  private void report(SqsBatch batch, long begin, String outcome) {
    context.report(
        new SourceInvocation(
            config.functionName(),
            source,
            batch.messages().size(),
            Duration.ofNanos(System.nanoTime() - begin),
            outcome));
  }
}
