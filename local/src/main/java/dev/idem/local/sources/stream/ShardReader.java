package dev.idem.local.sources.stream;

import dev.idem.local.retry.Backoff;
import dev.idem.local.sources.StopSignal;
import dev.idem.local.sources.stream.ShardClient.Start;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads one shard in order and hands its records to the processor one batch at a time, so a shard
 * has at most one batch in flight. Its checkpoint is the sequence number of the last record read:
 * an iterator that expires is taken again after it.
 *
 * @param <R> the service's record type
 */
final class ShardReader<R> implements Runnable {

  /**
   * How often an idle shard is polled. Lambda polls 4 times a second; locally a GetRecords call is
   * cheap and every hop of a flow through streams waits half of this on average.
   */
  static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private static final System.Logger LOG = System.getLogger(ShardReader.class.getName());
  private static final int MAX_GET_RECORDS = 1000;

  /** The waits after a failed read. */
  private static final Backoff ERROR_BACKOFF =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

  /** Told when the reader ends, whether because its shard is closed and read to its end. */
  interface Ending {
    void ended(String shardId, boolean shardFinished);
  }

  private final StreamSourceConfig config;
  private final ShardClient<R> client;
  private final StreamRecords<R> shape;
  private final StreamBatchProcessor<R> processor;
  private final StopSignal stop;
  private final String shardId;
  private final Ending ending;
  private final Backoff.Waits errorBackoff = ERROR_BACKOFF.waits();
  private final List<R> buffer = new ArrayList<>();
  private String iterator;
  private String lastRead;
  private String lastHanded;
  private long firstBuffered;
  private volatile Progress progress;

  /**
   * Where a reader is, for the console: the sequence number of the last record handed to the
   * function (null before the first batch), the iterator it reads next from (null once its shard is
   * read to its end) and the records it holds for the next batch.
   */
  record Progress(String lastHanded, String nextIterator, int buffered) {}

  ShardReader(
      StreamSourceConfig config,
      ShardClient<R> client,
      StreamRecords<R> shape,
      StreamBatchProcessor<R> processor,
      StopSignal stop,
      String shardId,
      String iterator,
      Ending ending) {
    this.config = config;
    this.client = client;
    this.shape = shape;
    this.processor = processor;
    this.stop = stop;
    this.shardId = shardId;
    this.iterator = iterator;
    this.ending = ending;
    publish();
  }

  /** Where the reader is now (as of its last loop, at most a poll interval ago). */
  Progress progress() {
    return progress;
  }

  private void publish() {
    progress = new Progress(lastHanded, iterator, buffer.size());
  }

  @Override
  public void run() {
    boolean finished = false;
    try {
      finished = read();
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR, "Stream source of " + config.functionName() + " failed", e);
    } finally {
      ending.ended(shardId, finished);
    }
  }

  private boolean read() {
    while (!stop.stopped()) {
      boolean received = iterator != null && buffer.size() < config.batchSize() && fetch();
      publish();
      if (!buffer.isEmpty() && batchDue()) {
        lastHanded = shape.sequenceNumber(buffer.get(buffer.size() - 1));
        // The batch handed to the function is no longer behind, though it stays buffered.
        progress = new Progress(lastHanded, iterator, 0);
        if (!processor.process(shardId, List.copyOf(buffer))) {
          return false;
        }
        buffer.clear();
        publish();
        continue;
      }
      if (iterator == null) {
        return true;
      }
      if (!received) {
        stop.pause(idlePause());
      }
    }
    return false;
  }

  private boolean batchDue() {
    return buffer.size() >= config.batchSize()
        || iterator == null
        || System.nanoTime() - firstBuffered >= config.maxBatchingWindow().toNanos();
  }

  private Duration idlePause() {
    if (buffer.isEmpty()) {
      return POLL_INTERVAL;
    }
    long windowLeft = firstBuffered + config.maxBatchingWindow().toNanos() - System.nanoTime();
    return Duration.ofNanos(Math.max(0, Math.min(windowLeft, POLL_INTERVAL.toNanos())));
  }

  /** One read; true when it returned records. */
  private boolean fetch() {
    int limit = Math.min(MAX_GET_RECORDS, config.batchSize() - buffer.size());
    ShardRead<R> read;
    try {
      read = client.read(iterator, limit);
    } catch (SdkException e) {
      Duration delay = errorBackoff.next();
      LOG.log(
          System.Logger.Level.WARNING, "Reading shard " + shardId + " failed: " + e.getMessage());
      stop.pause(delay);
      return false;
    }
    return switch (read) {
      case ShardRead.Records<R> records -> buffer(records);
      case ShardRead.Expired<R> expired -> renewIterator(Start.AFTER_SEQUENCE_NUMBER);
      case ShardRead.Trimmed<R> trimmed -> renewIterator(Start.TRIM_HORIZON);
      case ShardRead.Gone<R> gone -> {
        LOG.log(System.Logger.Level.WARNING, "Shard " + shardId + " is gone: " + gone.reason());
        iterator = null;
        yield false;
      }
    };
  }

  private boolean buffer(ShardRead.Records<R> read) {
    errorBackoff.reset();
    iterator = read.nextIterator();
    if (read.records().isEmpty()) {
      return false;
    }
    if (buffer.isEmpty()) {
      firstBuffered = System.nanoTime();
    }
    buffer.addAll(read.records());
    lastRead = shape.sequenceNumber(buffer.get(buffer.size() - 1));
    return true;
  }

  /** Takes a new iterator; false, as no records were read. */
  private boolean renewIterator(Start start) {
    Start effective = lastRead == null ? Start.TRIM_HORIZON : start;
    try {
      iterator = client.iterator(shardId, effective, lastRead);
    } catch (SdkException e) {
      LOG.log(System.Logger.Level.WARNING, "Renewing the iterator of shard " + shardId + " failed");
      stop.pause(errorBackoff.next());
    }
    return false;
  }
}
