package dev.idem.local.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.lambda.InvocationListener;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InvocationLogTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void recent_moreThanCapacity_keepsOnlyTheNewestNewestFirst() {
    InvocationLog log = new InvocationLog(3, CLOCK);
    for (int i = 1; i <= 10; i++) {
      log.invoked(call("{}", "req-" + i, ok(i), ""));
    }

    assertThat(log.total()).isEqualTo(10);
    assertThat(log.recent(100))
        .extracting(InvocationLog.Entry::requestId)
        .containsExactly("req-10", "req-9", "req-8");
    assertThat(log.recent(2)).extracting(InvocationLog.Entry::sequence).containsExactly(10L, 9L);
    assertThat(log.find("req-9")).isPresent();
    assertThat(log.find("req-1")).isEmpty();
  }

  @Test
  void percentile_durationsBeyondCapacity_overTheNewestOnly() {
    InvocationLog log = new InvocationLog(4, CLOCK);
    for (int i = 1; i <= 8; i++) {
      log.invoked(call("", "r", ok(i * 100), ""));
    }
    log.invoked(call("", null, InvocationResult.throttled(), ""));

    assertThat(log.percentile("f", 50)).hasValue(Duration.ofMillis(600));
    assertThat(log.percentile("f", 99)).hasValue(Duration.ofMillis(800));
    assertThat(log.percentile("g", 50)).isEmpty();
    assertThat(log.recent(1).getFirst().outcome()).isEqualTo("THROTTLED");
  }

  @Test
  void invoked_sourceAsTheCallerTold_keptWithItsBatchSize() {
    InvocationLog log = new InvocationLog(2, CLOCK);
    InvocationSource sqs = new InvocationSource(InvocationSource.SQS, "payments", null, 1, 3);

    log.invoked(
        new InvocationListener.Call("f", sqs, "{\"Records\":[]}".getBytes(UTF_8), "r", ok(1), ""));

    InvocationLog.Entry entry = log.recent(1).getFirst();
    assertThat(entry.sourceKind()).isEqualTo("sqs");
    assertThat(entry.source().name()).isEqualTo("payments");
    assertThat(entry.batchSize()).isEqualTo(3);
  }

  @Test
  void invoked_idempotencyKeyInTheEvent_keptRedacted() {
    InvocationLog log = new InvocationLog(2, CLOCK);
    String event =
        """
        {"headers":{"idempotency-key":"secret-key-1"},\
        "multiValueHeaders":{"Idempotency-Key":["secret-key-1"]},\
        "body":"{\\"Idempotency_Key\\":\\"secret-key-1\\"}"}\
        """;

    log.invoked(call(event, "r", ok(1), "uses key secret-key-1? no: the log has only hashes"));

    InvocationLog.Entry entry = log.recent(1).getFirst();
    assertThat(entry.payload()).doesNotContain("secret-key-1").contains("[redacted]");
    assertThat(entry.payload().split("\\[redacted]", -1)).hasSize(4);
  }

  @Test
  void invoked_decisionLinesOfABatchBeyondTheCut_allKept() {
    InvocationLog log = new InvocationLog(2, CLOCK);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      lines.append("x".repeat(3_000)).append('\n').append(decision("REPLAY", "h" + i)).append('\n');
    }

    log.invoked(call("{}", "r", ok(1), lines.toString()));

    InvocationLog.Entry entry = log.recent(1).getFirst();
    assertThat(entry.log()).startsWith(Texts.CUT).hasSizeLessThanOrEqualTo(Texts.LIMIT);
    assertThat(entry.decisions())
        .extracting(Decisions.Decision::keyHash)
        .containsExactly("h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9");
    assertThat(entry.decisions().getFirst())
        .isEqualTo(new Decisions.Decision("REPLAY", "h0", "PlaceOrder"));
  }

  /**
   * Fills the log from several threads with ten times its capacity of entries far bigger than the
   * cut: it keeps at most its capacity, and each entry's texts at most the cut each.
   */
  @Test
  void invoked_tenTimesCapacityOfBigEntriesFromSeveralThreads_memoryStaysBounded()
      throws Exception {
    int capacity = 50;
    InvocationLog log = new InvocationLog(capacity, Clock.systemUTC());
    byte[] big = ("{\"pad\":\"" + "y".repeat(200_000) + "\"}").getBytes(UTF_8);
    String bigLog = (decision("FIRST_EXECUTION", "h") + "\n").repeat(2_000);
    InvocationResult result = InvocationResult.ok(big, "", Duration.ofMillis(1));
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .start(() -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 10 * capacity / threads; i++) {
                  log.invoked(
                      new InvocationListener.Call(
                          "f", InvocationSource.DIRECT_CALL, big, "r" + i, result, bigLog));
                }
              }));
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(log.total()).isEqualTo(10L * capacity);
    assertThat(log.recent(Integer.MAX_VALUE)).hasSize(capacity);
    int textsPerEntry = 4; // payload, response, log, decision lines
    assertThat(log.storedChars())
        .isLessThanOrEqualTo((long) capacity * textsPerEntry * Texts.LIMIT);
  }

  @Test
  void new_capacityBelowOne_rejected() {
    assertThatThrownBy(() -> new InvocationLog(0, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  static String decision(String decision, String keyHash) {
    return "{\"_aws\":{\"Timestamp\":1},\"KeyPrefix\":\"PlaceOrder\",\"level\":\"INFO\","
        + "\"message\":\"idempotency decision\",\"decision\":\""
        + decision
        + "\",\"keyHash\":\""
        + keyHash
        + "\"}";
  }

  private static InvocationListener.Call call(
      String payload, String requestId, InvocationResult result, String log) {
    return new InvocationListener.Call(
        "f", InvocationSource.DIRECT_CALL, payload.getBytes(UTF_8), requestId, result, log);
  }

  private static InvocationResult ok(long millis) {
    return InvocationResult.ok(new byte[0], "", Duration.ofMillis(millis));
  }
}
