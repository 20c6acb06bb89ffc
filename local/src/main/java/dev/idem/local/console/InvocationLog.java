package dev.idem.local.console;

import dev.idem.local.lambda.InvocationListener;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent invocations of every function, newest first, in a {@link Ring} so that an hour of load
 * keeps memory flat: each with its source as the caller told it, its payload, response and log
 * lines (each cut at {@link Texts#LIMIT}, idempotency keys redacted) and the lines of the
 * idempotency library's decisions; and, per function, the durations of its last invocations for
 * p50/p99. Filled by {@link dev.idem.local.lambda.LambdaRuntime#onInvocation}; thread-safe.
 */
public final class InvocationLog implements InvocationListener {

  /** How many invocations the console keeps unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 1_000;

  /**
   * One invocation.
   *
   * @param sequence its number since the cloud started, from 1
   * @param at when it ended
   * @param function the function's name
   * @param source what sent it, as the caller told
   * @param duration from the call to its result, a cold start included
   * @param outcome {@code OK}, {@code FUNCTION_ERROR} or {@code THROTTLED}
   * @param errorType the error's type for FUNCTION_ERROR, else null
   * @param requestId its request id, or null when throttled (nothing ran)
   * @param payload the event, as kept ({@link Texts#keep})
   * @param response the response or error JSON, as kept
   * @param log the lines the instance wrote meanwhile, the last {@link Texts#LIMIT} characters
   * @param decisionLines the idempotency library's decision lines among all of them (a batch's
   *     decisions are kept even when its log is cut), cut at {@link Texts#LIMIT}
   */
  public record Entry(
      long sequence,
      Instant at,
      String function,
      InvocationSource source,
      Duration duration,
      String outcome,
      String errorType,
      String requestId,
      String payload,
      String response,
      String log,
      String decisionLines) {

    /** What sent it: {@code invoke}, {@code async}, {@code api}, {@code sqs}, ... */
    public String sourceKind() {
      return source.kind();
    }

    /** The records in the event (1 for an event that is not a batch). */
    public int batchSize() {
      return source.batchSize();
    }

    /** When it began: its end less its duration. */
    Instant start() {
      return at.minus(duration);
    }

    /** The idempotency decisions it logged, read now from the kept lines. */
    List<Decisions.Decision> decisions() {
      return Decisions.parse(decisionLines);
    }

    /** The characters it keeps in its texts: what bounds its memory. */
    long storedChars() {
      return (long) payload.length() + response.length() + log.length() + decisionLines.length();
    }
  }

  private final Ring<Entry> ring;
  private final Clock clock;
  private final Map<String, Window> durations = new ConcurrentHashMap<>();

  /**
   * A log that keeps the last {@code capacity} invocations.
   *
   * @throws IllegalArgumentException when {@code capacity} is below 1
   */
  public InvocationLog(int capacity, Clock clock) {
    this.ring = new Ring<>(capacity);
    this.clock = clock;
  }

  @Override
  public void invoked(Call call) {
    InvocationResult result = call.result();
    if (result.status() != InvocationResult.Status.THROTTLED) {
      durations
          .computeIfAbsent(call.function(), name -> new Window(ring.capacity()))
          .add(result.duration().toNanos());
    }
    Instant at = clock.instant();
    String payload = Texts.keep(call.payload());
    String response = Texts.keep(result.payload());
    String log = Texts.keepTail(call.log());
    String decisionLines = Texts.cut(Decisions.lines(call.log()));
    ring.add(sequence ->
        new Entry(
            sequence,
            at,
            call.function(),
            call.source(),
            result.duration(),
            result.status().name(),
            result.errorType(),
            call.requestId(),
            payload,
            response,
            log,
            decisionLines));
  }

  /** At most {@code limit} of the kept invocations, newest first. */
  public List<Entry> recent(int limit) {
    return ring.recent(limit);
  }

  /** The kept invocation with that request id, if it is still kept. */
  public Optional<Entry> find(String requestId) {
    return ring.all().stream().filter(entry -> requestId.equals(entry.requestId())).findFirst();
  }

  /** How many invocations were heard, kept or not. */
  public long total() {
    return ring.total();
  }

  /** How many invocations are kept at most. */
  public int capacity() {
    return ring.capacity();
  }

  /** The characters the kept invocations hold in their texts. */
  long storedChars() {
    return ring.all().stream().mapToLong(Entry::storedChars).sum();
  }

  /** The {@code percentile} (0–100) of the function's kept durations, if it ran. */
  public Optional<Duration> percentile(String function, int percentile) {
    Window window = durations.get(function);
    return window == null ? Optional.empty() : window.percentile(percentile);
  }

  /** The last durations of one function, in nanoseconds, in a ring of their own. */
  private static final class Window {
    private final long[] nanos;
    private long count;

    Window(int size) {
      nanos = new long[size];
    }

    synchronized void add(long value) {
      nanos[(int) (count++ % nanos.length)] = value;
    }

    /** Nearest-rank percentile. */
    synchronized Optional<Duration> percentile(int percentile) {
      int size = (int) Math.min(count, nanos.length);
      if (size == 0) {
        return Optional.empty();
      }
      long[] sorted = Arrays.copyOf(nanos, size);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100.0 * size);
      return Optional.of(Duration.ofNanos(sorted[Math.max(rank, 1) - 1]));
    }
  }
}
