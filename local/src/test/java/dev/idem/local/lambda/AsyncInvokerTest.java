package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.Await;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Lambda's asynchronous queue, as "How Lambda handles errors and retries with asynchronous
 * invocation" and "Capturing records of Lambda asynchronous invocations" (AWS Lambda Developer
 * Guide) describe it, over a scripted invoker and a test clock.
 */
class AsyncInvokerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final TestClock clock = new TestClock(Instant.parse("2026-12-07T03:30:00Z"));
  private final BlockingQueue<Object[]> sent = new LinkedBlockingQueue<>();
  private final AsyncDestinations destinations =
      new AsyncDestinations() {
        @Override
        public void record(String arn, ObjectNode record, boolean success) {
          sent.add(new Object[] {arn, record, success});
        }

        @Override
        public void deadLetter(String arn, byte[] event, DeadLetter attributes) {
          sent.add(new Object[] {arn, new String(event, UTF_8), attributes});
        }
      };
  private AsyncInvoker async;

  @AfterEach
  void close() {
    if (async != null) {
      async.close();
    }
  }

  @Test
  @DisplayName(
      "submit_functionAlwaysFails_threeAttemptsThenRetriesExhaustedRecordAndDeadLetter"
          + " (Lambda: error handling and retries; dead-letter queues)")
  void submit_functionAlwaysFails_threeAttemptsThenRetriesExhaustedRecordAndDeadLetter()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    async =
        start(
            (function, payload) -> {
              calls.incrementAndGet();
              return error("boom");
            },
            new AsyncConfig(2, Duration.ofHours(6), null, "arn:failures", "arn:dlq"));

    String requestId = async.submit("Worker", utf8("{\"n\":1}"));

    Object[] record = next();
    assertThat(record[0]).isEqualTo("arn:failures");
    ObjectNode json = (ObjectNode) record[1];
    assertThat(json.path("requestContext").path("condition").asText())
        .isEqualTo("RetriesExhausted");
    assertThat(json.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
    assertThat(json.path("requestContext").path("requestId").asText()).isEqualTo(requestId);
    assertThat(json.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
    assertThat(json.path("responsePayload").path("errorMessage").asText()).isEqualTo("boom");
    Object[] deadLetter = next();
    assertThat(deadLetter[0]).isEqualTo("arn:dlq");
    assertThat(deadLetter[1]).isEqualTo("{\"n\":1}");
    assertThat(deadLetter[2]).isEqualTo(new AsyncDestinations.DeadLetter(requestId, 200, "boom"));
    assertThat(calls).hasValue(3);
  }

  @Test
  void submit_noRetriesConfigured_oneAttempt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    async =
        start(
            (function, payload) -> {
              calls.incrementAndGet();
              return error("once");
            },
            new AsyncConfig(0, Duration.ofHours(6), null, "arn:failures", null));

    async.submit("Worker", utf8("{}"));

    ObjectNode record = (ObjectNode) next()[1];
    assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(calls).hasValue(1);
  }

  @Test
  @DisplayName(
      "submit_success_successRecordWithResponse (Lambda: invocation record, condition Success)")
  void submit_success_successRecordWithResponse() throws Exception {
    async =
        start(
            (function, payload) -> InvocationResult.ok(utf8("{\"done\":true}"), "", Duration.ZERO),
            new AsyncConfig(2, Duration.ofHours(6), "arn:successes", null, null));

    async.submit("Worker", utf8("{\"n\":2}"));

    Object[] sentRecord = next();
    assertThat(sentRecord[0]).isEqualTo("arn:successes");
    assertThat(sentRecord[2]).isEqualTo(true);
    assertThat(((ObjectNode) sentRecord[1]).path("responsePayload").path("done").asBoolean())
        .isTrue();
    assertThat(async.stats()).isEqualTo(new AsyncInvoker.Stats(1, 1, 0));
  }

  @Test
  @DisplayName(
      "submit_eventOlderThanItsMaximumAgeBeforeItsRetry_eventAgeExceeded"
          + " (Lambda: MaximumEventAgeInSeconds)")
  void submit_eventOlderThanItsMaximumAgeBeforeItsRetry_eventAgeExceeded() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    async =
        start(
            (function, payload) -> {
              calls.incrementAndGet();
              clock.advance(Duration.ofSeconds(61));
              return error("slow");
            },
            new AsyncConfig(2, Duration.ofSeconds(60), null, "arn:failures", null));

    async.submit("Worker", utf8("{}"));

    ObjectNode record = (ObjectNode) next()[1];
    assertThat(record.path("requestContext").path("condition").asText())
        .isEqualTo("EventAgeExceeded");
    assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(calls).hasValue(1);
  }

  @Test
  @DisplayName("submit_throttledTwice_retriedUntilItRuns (Lambda: throttles go back to the queue)")
  void submit_throttledTwice_retriedUntilItRuns() throws Exception {
    Deque<InvocationResult> script =
        new ArrayDeque<>(
            List.of(
                InvocationResult.throttled(),
                InvocationResult.throttled(),
                InvocationResult.ok(utf8("{}"), "", Duration.ZERO)));
    async =
        start(
            (function, payload) -> script.removeFirst(),
            new AsyncConfig(2, Duration.ofHours(6), "arn:successes", null, null));

    async.submit("Worker", utf8("{}"));

    ObjectNode record = (ObjectNode) next()[1];
    assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
    assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "close_attemptsInFlight_noAttemptThreadOutlivesIt (the local cloud's shutdown leaks no thread)")
  void close_attemptsInFlight_noAttemptThreadOutlivesIt() {
    Set<Thread> running = ConcurrentHashMap.newKeySet();
    CountDownLatch never = new CountDownLatch(1);
    async =
        start(
            (function, payload) -> {
              running.add(Thread.currentThread());
              try {
                never.await();
              } catch (InterruptedException e) {
                // The queue is closing: end as a throttle would, so the event is dropped.
                Thread.currentThread().interrupt();
              }
              return InvocationResult.throttled();
            },
            AsyncConfig.DEFAULT);
    for (int i = 0; i < 3; i++) {
      async.submit("Worker", utf8("{}"));
    }
    Await.until(
        "three attempts running", DEADLINE, () -> running.size() == 3 && async.inFlight() == 3);

    async.close();

    assertThat(running).noneMatch(Thread::isAlive);
    assertThat(async.inFlight()).isZero();
    async = null;
  }

  @Test
  @DisplayName(
      "close_attemptEndsWithinTheGrace_itsRecordIsStillSent (no running attempt is cut short)")
  void close_attemptEndsWithinTheGrace_itsRecordIsStillSent() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    async =
        start(
            (function, payload) -> {
              running.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                Thread.currentThread().interrupt();
              }
              return InvocationResult.ok(utf8("{}"), "", Duration.ZERO);
            },
            new AsyncConfig(2, Duration.ofHours(6), "arn:successes", null, null));
    async.submit("Worker", utf8("{}"));
    assertThat(running.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    Thread closing = Thread.ofVirtual().start(async::close);
    Await.until(
        "close waiting for the running attempt",
        DEADLINE,
        () -> closing.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    closing.join(DEADLINE);

    assertThat(closing.isAlive()).isFalse();
    assertThat(interrupted).hasValue(0);
    assertThat(next()[0]).isEqualTo("arn:successes");
    async = null;
  }

  @Test
  @DisplayName("of_failedInvocation_lambdaRecordShape (Lambda: invocation record example)")
  void of_failedInvocation_lambdaRecordShape() throws Exception {
    ObjectNode record =
        DestinationRecord.of(
            Instant.parse("2026-12-07T03:30:00.123456Z"),
            "c2a6f2ae-7dbb-4d22-8782-d0485c9877e2",
            "arn:aws:lambda:us-east-1:000000000000:function:Worker",
            DestinationRecord.RETRIES_EXHAUSTED,
            3,
            utf8("{\"n\":1}"),
            error("boom"));

    assertThat(record)
        .isEqualTo(
            JSON.readTree(
                """
                {"version":"1.0","timestamp":"2026-12-07T03:30:00.123Z",
                 "requestContext":{"requestId":"c2a6f2ae-7dbb-4d22-8782-d0485c9877e2",
                   "functionArn":"arn:aws:lambda:us-east-1:000000000000:function:Worker:$LATEST",
                   "condition":"RetriesExhausted","approximateInvokeCount":3},
                 "requestPayload":{"n":1},
                 "responseContext":{"statusCode":200,"executedVersion":"$LATEST",
                   "functionError":"Unhandled"},
                 "responsePayload":{"errorMessage":"boom","errorType":"java.lang.IllegalStateException"}}
                """));
  }

  private AsyncInvoker start(Invoker invoker, AsyncConfig config) {
    return new AsyncInvoker(
        invoker,
        Map.of("Worker", config),
        destinations,
        clock,
        AsyncDelays.all(Duration.ofMillis(5)),
        (function, result) -> {});
  }

  private Object[] next() throws InterruptedException {
    Object[] item = sent.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(item).as("sent within " + DEADLINE).isNotNull();
    return item;
  }

  private static InvocationResult error(String message) {
    return InvocationResult.functionError(
        "java.lang.IllegalStateException",
        utf8(
            "{\"errorMessage\":\""
                + message
                + "\",\"errorType\":\"java.lang.IllegalStateException\"}"),
        "",
        Duration.ZERO);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }
}
