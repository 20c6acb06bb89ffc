package dev.idem.local.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Delivers one matched event to one target, with the target's {@code RetryPolicy} ("Event retry
 * policy and using dead-letter queues", EventBridge User Guide): a failure that may pass (a
 * throttle, a 5xx, a connection that failed) is retried with exponential backoff and jitter (from
 * 100 ms, at most 10 s apart locally, where EventBridge spreads 185 retries over a day) until it
 * succeeds, {@code MaximumRetryAttempts} retries were made, or a retry finds the event older than
 * {@code MaximumEventAgeInSeconds} by the injected clock; a failure that will not pass (no such
 * queue, not a queue) is not retried, as EventBridge does not retry a missing resource or
 * permission. An event given up on goes to the target's dead-letter queue with the attributes
 * EventBridge adds ({@code RULE_ARN}, {@code TARGET_ARN}, {@code ERROR_CODE}, {@code
 * ERROR_MESSAGE}, {@code EXHAUSTED_RETRY_CONDITION} when a retry limit ended it, {@code
 * RETRY_ATTEMPTS}); without one it is dropped and counted lost.
 */
final class EventDelivery implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EventDelivery.class.getName());
  private static final Backoff RETRY_BACKOFF =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

  private final EventTargetSender sender;
  private final Clock clock;
  private final Counts total = new Counts();
  private final Map<String, Counts> byRule = new java.util.concurrent.ConcurrentHashMap<>();
  private final ScheduledExecutorService retries = retryScheduler();
  private volatile EventFaults faults = EventFaults.NONE;
  private volatile EventTrace trace = EventTrace.NONE;

  /** One delivery of one event to one target, and how often it was tried. */
  private record Attempt(
      String bus,
      EventRule rule,
      EventRule.Target target,
      String body,
      String id,
      Instant ingested,
      int retries,
      boolean duplicate) {

    Attempt next() {
      return new Attempt(bus, rule, target, body, id, ingested, retries + 1, duplicate);
    }

    EventTrace.Step step(EventTrace.Kind kind, Exception error) {
      return new EventTrace.Step(
          kind,
          bus,
          rule.name(),
          target.arn(),
          id,
          retries + 1,
          duplicate,
          error == null ? null : error.toString());
    }
  }

  /**
   * Sends through {@code sender}.
   *
   * @param clock says when events were received (their age, {@code
   *     <aws.events.event.ingestion-time>})
   */
  EventDelivery(EventTargetSender sender, Clock clock) {
    this.sender = sender;
    this.clock = clock;
  }

  private static ScheduledExecutorService retryScheduler() {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofVirtual().name("eventbridge-retry-", 0).factory());
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  /** The counts of the whole service and of one rule, kept side by side. */
  private static final class Counts {
    final AtomicLong matched = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    EventBridgeService.Stats stats() {
      return new EventBridgeService.Stats(
          matched.get(), delivered.get(), deadLettered.get(), failed.get());
    }
  }

  EventBridgeService.Stats stats() {
    return total.stats();
  }

  /** Each rule's counts by rule ARN, for the rules that matched at least once. */
  Map<String, EventBridgeService.Stats> ruleStats() {
    Map<String, EventBridgeService.Stats> stats = new java.util.TreeMap<>();
    byRule.forEach((arn, counts) -> stats.put(arn, counts.stats()));
    return stats;
  }

  /** Adds one to a count, in the total and in the rule's. */
  private void count(EventRule rule, java.util.function.Function<Counts, AtomicLong> which) {
    which.apply(total).incrementAndGet();
    which.apply(byRule.computeIfAbsent(rule.arn(), arn -> new Counts())).incrementAndGet();
  }

  void faults(EventFaults newFaults) {
    this.faults = newFaults;
  }

  void trace(EventTrace newTrace) {
    this.trace = newTrace;
  }

  /** Counts the match now; the returned task delivers it (on the bus's delivery thread). */
  Runnable of(String bus, EventRule rule, EventRule.Target target, ObjectNode event, String json) {
    count(rule, counts -> counts.matched);
    Instant ingested = clock.instant();
    String id = event.path("id").asText();
    trace.step(
        new EventTrace.Step(
            EventTrace.Kind.MATCHED, bus, rule.name(), target.arn(), id, 0, false, null));
    return () -> {
      String body = TargetInput.body(rule, target, event, json, ingested);
      deliver(new Attempt(bus, rule, target, body, id, ingested, 0, false));
      if (faults.duplicateDelivery(bus, rule.name(), target.arn(), id)) {
        deliver(new Attempt(bus, rule, target, body, id, ingested, 0, true));
      }
    };
  }

  /** Stops retrying: deliveries waiting for a retry are dropped. */
  @Override
  public void close() {
    retries.shutdownNow();
  }

  private void deliver(Attempt attempt) {
    EventRule.Target target = attempt.target();
    try {
      sender.send(
          new EventTargetSender.Message(
              target.arn(), attempt.body(), target.messageGroupId(), attempt.id(), Map.of()));
      count(attempt.rule(), counts -> counts.delivered);
      trace.step(attempt.step(EventTrace.Kind.DELIVERED, null));
    } catch (Exception e) {
      retryOrGiveUp(attempt, e);
    }
  }

  private void retryOrGiveUp(Attempt attempt, Exception cause) {
    EventRule.Target target = attempt.target();
    if (!mayPass(cause)) {
      deadLetter(attempt, cause, null);
    } else if (attempt.retries() >= target.maximumRetryAttempts()) {
      deadLetter(attempt, cause, "MaximumRetryAttempts");
    } else if (!retries.isShutdown()) {
      trace.step(attempt.step(EventTrace.Kind.RETRYING, cause));
      retries.schedule(
          () -> retry(attempt, cause),
          RETRY_BACKOFF.delay(attempt.retries()).toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  /** Tries again after {@code failed}, unless the event grew too old meanwhile. */
  private void retry(Attempt failed, Exception cause) {
    Duration age = Duration.between(failed.ingested(), clock.instant());
    if (age.compareTo(Duration.ofSeconds(failed.target().maximumEventAgeSeconds())) > 0) {
      deadLetter(failed, cause, "MaximumEventAgeInSeconds");
    } else {
      deliver(failed.next());
    }
  }

  /** Whether a later attempt may succeed: a throttle, a server error, a failed connection. */
  static boolean mayPass(Exception cause) {
    if (cause instanceof AwsServiceException service) {
      return service.statusCode() >= 500 || service.isThrottlingException();
    }
    return cause instanceof SdkException sdk && sdk.retryable();
  }

  private void deadLetter(Attempt attempt, Exception cause, String exhausted) {
    EventRule.Target target = attempt.target();
    if (target.deadLetterArn() != null) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("RULE_ARN", attempt.rule().arn());
      attributes.put("TARGET_ARN", target.arn());
      attributes.put("ERROR_CODE", cause.getClass().getSimpleName());
      attributes.put("ERROR_MESSAGE", String.valueOf(cause.getMessage()));
      if (exhausted != null) {
        attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
      }
      attributes.put("RETRY_ATTEMPTS", Integer.toString(attempt.retries()));
      try {
        sender.send(
            new EventTargetSender.Message(
                target.deadLetterArn(), attempt.body(), null, attempt.id(), attributes));
        count(attempt.rule(), counts -> counts.deadLettered);
        trace.step(attempt.step(EventTrace.Kind.DEAD_LETTERED, cause));
        return;
      } catch (Exception e) {
        cause.addSuppressed(e);
      }
    }
    count(attempt.rule(), counts -> counts.failed);
    trace.step(attempt.step(EventTrace.Kind.LOST, cause));
    LOG.log(
        System.Logger.Level.WARNING,
        "Rule {0} could not deliver event {1} to {2}: {3}",
        attempt.rule().name(),
        attempt.id(),
        target.arn(),
        cause.toString());
  }
}
