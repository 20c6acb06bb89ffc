package dev.idem.local.sources.stream;

import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationResult.Status;
import dev.idem.local.lambda.InvocationSource;
import dev.idem.local.retry.Backoff;
import dev.idem.local.sources.BatchResponse;
import dev.idem.local.sources.EventFilter;
import dev.idem.local.sources.Invocations;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.SourceInvocation;
import dev.idem.local.sources.StopSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Takes one batch of a shard to its end with Lambda's stream semantics: retries up to {@code
 * MaximumRetryAttempts}, bisection on function errors, resumption from the lowest reported item
 * failure, and records past {@code MaximumRecordAgeInSeconds} given up on; a batch given up on is
 * reported to the OnFailure destination and skipped.
 *
 * @param <R> the service's record type
 */
final class StreamBatchProcessor<R> {

  /** The waits before a batch is retried. */
  private static final Backoff RETRY_BACKOFF =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

  /** Records still to process, how often they were retried, and the last result they got. */
  private record Attempt<R>(List<R> records, int retries, int invokes, InvocationResult last) {}

  private final StreamSourceConfig config;
  private final StreamRecords<R> shape;
  private final SourceContext context;
  private final OnFailureDestination<R> destination;
  private final StopSignal stop;
  private final String source;
  private final EventFilter filter;

  StreamBatchProcessor(
      StreamSourceConfig config,
      StreamRecords<R> shape,
      SourceContext context,
      OnFailureDestination<R> destination,
      StopSignal stop) {
    this.config = config;
    this.shape = shape;
    this.context = context;
    this.destination = destination;
    this.stop = stop;
    this.source = shape.kind() + " " + config.tableName();
    this.filter = EventFilter.of(config.filters());
  }

  /**
   * Processes the batch until every record succeeded or was given up on.
   *
   * @return false when the source stopped first
   */
  boolean process(String shardId, List<R> records) {
    List<R> passing = filtered(records);
    if (passing.isEmpty()) {
      return true;
    }
    Deque<Attempt<R>> pending = new ArrayDeque<>();
    pending.push(new Attempt<>(passing, 0, 0, null));
    Backoff.Waits backoff = RETRY_BACKOFF.waits();
    while (!pending.isEmpty()) {
      Attempt<R> attempt = pending.pop();
      List<R> fresh = dropExpired(shardId, attempt);
      if (fresh.isEmpty()) {
        continue;
      }
      InvocationResult result = invokeUntilAdmitted(fresh);
      if (result == null) {
        return false;
      }
      Attempt<R> next = new Attempt<>(fresh, attempt.retries(), attempt.invokes() + 1, result);
      List<Attempt<R>> retries = judge(shardId, next);
      for (int i = retries.size() - 1; i >= 0; i--) {
        pending.push(retries.get(i));
      }
      // Halves of a bisected batch run at once; a retry of the same records waits a little.
      boolean retrying = !retries.isEmpty() && retries.get(0).retries() > attempt.retries();
      if (retrying && !stop.pause(backoff.next())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The records the mapping's FilterCriteria let through; the others are skipped, as Lambda does.
   */
  private List<R> filtered(List<R> records) {
    if (filter.isEmpty()) {
      return records;
    }
    List<R> kept = records.stream().filter(r -> filter.matches(shape.filterable(r))).toList();
    if (kept.size() < records.size()) {
      context.report(
          new SourceInvocation(
              config.functionName(),
              source,
              records.size() - kept.size(),
              Duration.ZERO,
              "filtered out (FilterCriteria): skipped, not invoked"));
    }
    return kept;
  }

  /** What remains to do after an invocation: nothing, a retry, or two halves. */
  private List<Attempt<R>> judge(String shardId, Attempt<R> done) {
    InvocationResult result = done.last();
    List<R> records = done.records();
    if (result.status() == Status.FUNCTION_ERROR) {
      report(records, result, "FUNCTION_ERROR " + result.errorType());
      if (config.bisectBatchOnFunctionError() && records.size() > 1) {
        int half = records.size() / 2;
        return List.of(
            new Attempt<>(records.subList(0, half), done.retries(), 0, null),
            new Attempt<>(records.subList(half, records.size()), done.retries(), 0, null));
      }
      return retryOrGiveUp(shardId, done, records);
    }
    if (!config.reportBatchItemFailures()) {
      report(records, result, "OK");
      return List.of();
    }
    return judgeReport(shardId, done);
  }

  /** Under ReportBatchItemFailures: resume from the lowest reported record. */
  private List<Attempt<R>> judgeReport(String shardId, Attempt<R> done) {
    List<R> records = done.records();
    List<String> sequenceNumbers = records.stream().map(shape::sequenceNumber).toList();
    BatchResponse response = BatchResponse.parse(done.last().payload(), sequenceNumbers);
    if (!response.valid()) {
      report(records, done.last(), "OK but " + response.invalidReason() + ": whole batch failed");
      return retryOrGiveUp(shardId, done, records);
    }
    if (response.failed().isEmpty()) {
      report(records, done.last(), "OK");
      return List.of();
    }
    int from = sequenceNumbers.indexOf(response.failed().get(0));
    report(records, done.last(), "OK, failed from record " + (from + 1) + " of " + records.size());
    return retryOrGiveUp(shardId, done, records.subList(from, records.size()));
  }

  private List<Attempt<R>> retryOrGiveUp(String shardId, Attempt<R> done, List<R> failed) {
    int max = config.maximumRetryAttempts();
    if (max != StreamSourceConfig.UNLIMITED && done.retries() >= max) {
      destination.send(
          shardId, failed, OnFailureDestination.RETRIES_EXHAUSTED, done.invokes(), done.last());
      return List.of();
    }
    return List.of(new Attempt<>(failed, done.retries() + 1, done.invokes(), done.last()));
  }

  private List<R> dropExpired(String shardId, Attempt<R> attempt) {
    if (config.maximumRecordAgeInSeconds() == StreamSourceConfig.UNLIMITED) {
      return attempt.records();
    }
    Instant oldest = context.clock().instant().minusSeconds(config.maximumRecordAgeInSeconds());
    List<R> expired = new ArrayList<>();
    List<R> fresh = new ArrayList<>();
    for (R record : attempt.records()) {
      Instant created = shape.arrival(record);
      (created != null && created.isBefore(oldest) ? expired : fresh).add(record);
    }
    if (!expired.isEmpty()) {
      destination.send(
          shardId,
          expired,
          OnFailureDestination.RECORD_AGE_EXCEEDED,
          attempt.invokes(),
          attempt.last());
    }
    return fresh;
  }

  /** Invokes, waiting out throttles; null when the source stops meanwhile. */
  private InvocationResult invokeUntilAdmitted(List<R> records) {
    byte[] event = shape.event(records);
    List<String> ids = records.stream().map(shape::eventId).toList();
    if (context.faults().duplicateStreamBatch(config.functionName(), config.tableName(), ids)) {
      Thread.ofVirtual().name("stream-duplicate").start(() -> invokeDuplicate(event, records));
    }
    return Invocations.untilAdmitted(
        context, config.functionName(), event, invocationSource(records), stop);
  }

  private InvocationSource invocationSource(List<R> records) {
    return new InvocationSource(shape.kind(), config.tableName(), null, 1, records.size());
  }

  /** The duplicate's outcome is reported but never moves the shard's checkpoint. */
  private void invokeDuplicate(byte[] event, List<R> records) {
    InvocationResult result =
        Invocations.invoke(
            context.invoker(), config.functionName(), event, invocationSource(records));
    report(records, result, "duplicate delivery: " + result.status());
  }

  private void report(List<R> records, InvocationResult result, String outcome) {
    context.report(
        new SourceInvocation(
            config.functionName(), source, records.size(), result.duration(), outcome));
  }
}
