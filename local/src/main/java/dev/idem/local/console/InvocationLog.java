package dev.idem.local.console;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.lambda.InvocationListener;
import dev.idem.local.lambda.InvocationResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent invocations of every function, newest first, in a ring buffer of fixed size so that an
 * hour of load keeps memory flat; and, per function, the durations of its last invocations for
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
   * @param source what sent it, told by the event's shape: {@code api}, {@code sqs}, {@code
   *     dynamodb}, {@code eventbridge}, or {@code direct} (the Lambda API, a test)
   * @param batchSize the records in the event (1 for an event that is not a batch)
   * @param duration from the call to its result, a cold start included
   * @param outcome {@code OK}, {@code FUNCTION_ERROR} or {@code THROTTLED}
   * @param errorType the error's type for FUNCTION_ERROR, else null
   * @param requestId its request id, or null when throttled (nothing ran)
   */
  public record Entry(
      long sequence,
      Instant at,
      String function,
      String source,
      int batchSize,
      Duration duration,
      String outcome,
      String errorType,
      String requestId) {}

  private final Entry[] ring;
  private final Clock clock;
  private final Map<String, Window> durations = new ConcurrentHashMap<>();
  private long total;

  /**
   * A log that keeps the last {@code capacity} invocations.
   *
   * @throws IllegalArgumentException when {@code capacity} is below 1
   */
  public InvocationLog(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.ring = new Entry[capacity];
    this.clock = clock;
  }

  @Override
  public void invoked(String function, byte[] payload, String requestId, InvocationResult result) {
    Shape shape = Shape.of(payload);
    String outcome = result.status().name();
    if (result.status() != InvocationResult.Status.THROTTLED) {
      durations
          .computeIfAbsent(function, name -> new Window(ring.length))
          .add(result.duration().toNanos());
    }
    synchronized (this) {
      total++;
      ring[(int) ((total - 1) % ring.length)] =
          new Entry(
              total,
              clock.instant(),
              function,
              shape.source(),
              shape.batchSize(),
              result.duration(),
              outcome,
              result.errorType(),
              requestId);
    }
  }

  /** At most {@code limit} of the kept invocations, newest first. */
  public synchronized List<Entry> recent(int limit) {
    int count = (int) Math.min(Math.min(limit, total), ring.length);
    List<Entry> entries = new ArrayList<>(count);
    for (long n = total; n > total - count; n--) {
      entries.add(ring[(int) ((n - 1) % ring.length)]);
    }
    return entries;
  }

  /** How many invocations were heard, kept or not. */
  public synchronized long total() {
    return total;
  }

  /** How many invocations are kept at most. */
  public int capacity() {
    return ring.length;
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

  /** What sent an event and how many records it holds, told by its top-level fields. */
  record Shape(String source, int batchSize) {

    private static final Shape DIRECT = new Shape("direct", 1);

    /**
     * Reads only the event's top-level field names and its first record's source, skipping every
     * value: it runs after each invocation, on the invoking thread, so it builds no tree.
     */
    static Shape of(byte[] payload) {
      try (JsonParser parser = AwsJson.MAPPER.getFactory().createParser(payload)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return DIRECT;
        }
        Shape shape = DIRECT;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          switch (field) {
            case "requestContext" -> {
              return new Shape("api", 1);
            }
            case "detail-type" -> {
              return new Shape("eventbridge", 1);
            }
            case "Records" -> shape = records(parser);
            default -> parser.skipChildren();
          }
        }
        return shape;
      } catch (IOException e) {
        return DIRECT;
      }
    }

    /** The records' source (from the first one's {@code eventSource}) and count. */
    private static Shape records(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return DIRECT;
      }
      String source = "";
      int count = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (count++ == 0 && parser.currentToken() == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if ((field.equals("eventSource") || field.equals("EventSource")) && source.isEmpty()) {
              source = parser.getValueAsString("");
            } else {
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
      }
      return source.startsWith("aws:") && count > 0
          ? new Shape(source.substring(4), count)
          : DIRECT;
    }
  }
}
