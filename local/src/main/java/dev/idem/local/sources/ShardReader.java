package dev.idem.local.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads one shard in order and hands its records to the processor one batch at a time, so a shard
 * has at most one batch in flight.
 */
final class ShardReader implements Runnable {

  /**
   * How often an idle shard is polled. Lambda polls 4 times a second; locally a GetRecords call is
   * cheap and every hop of a flow through streams waits half of this on average.
   */
  static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private static final System.Logger LOG = System.getLogger(ShardReader.class.getName());
  private static final int MAX_GET_RECORDS = 1000;

  /** Told when the reader ends, whether because its shard is closed and read to its end. */
  interface Ending {
    void ended(String shardId, boolean shardFinished);
  }

  private final StreamSourceConfig config;
  private final DynamoDbStreamsClient streams;
  private final StreamBatchProcessor processor;
  private final StopSignal stop;
  private final String shardId;
  private final Ending ending;
  private final Backoff errorBackoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
  private final List<Record> buffer = new ArrayList<>();
  private String iterator;
  private String lastRead;
  private long firstBuffered;

  ShardReader(
      StreamSourceConfig config,
      DynamoDbStreamsClient streams,
      StreamBatchProcessor processor,
      StopSignal stop,
      String shardId,
      String iterator,
      Ending ending) {
    this.config = config;
    this.streams = streams;
    this.processor = processor;
    this.stop = stop;
    this.shardId = shardId;
    this.iterator = iterator;
    this.ending = ending;
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
      if (!buffer.isEmpty() && batchDue()) {
        if (!processor.process(shardId, List.copyOf(buffer))) {
          return false;
        }
        buffer.clear();
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

  /** One GetRecords call; true when it returned records. */
  private boolean fetch() {
    int limit = Math.min(MAX_GET_RECORDS, config.batchSize() - buffer.size());
    GetRecordsResponse response;
    try {
      response = streams.getRecords(r -> r.shardIterator(iterator).limit(limit));
    } catch (ExpiredIteratorException e) {
      renewIterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER);
      return false;
    } catch (TrimmedDataAccessException e) {
      renewIterator(ShardIteratorType.TRIM_HORIZON);
      return false;
    } catch (ResourceNotFoundException e) {
      LOG.log(System.Logger.Level.WARNING, "Shard " + shardId + " is gone: " + e.getMessage());
      iterator = null;
      return false;
    } catch (SdkException e) {
      Duration delay = errorBackoff.next();
      LOG.log(
          System.Logger.Level.WARNING, "Reading shard " + shardId + " failed: " + e.getMessage());
      stop.pause(delay);
      return false;
    }
    errorBackoff.reset();
    iterator = response.nextShardIterator();
    if (response.records().isEmpty()) {
      return false;
    }
    if (buffer.isEmpty()) {
      firstBuffered = System.nanoTime();
    }
    buffer.addAll(response.records());
    lastRead = buffer.get(buffer.size() - 1).dynamodb().sequenceNumber();
    return true;
  }

  private void renewIterator(ShardIteratorType type) {
    ShardIteratorType effective = lastRead == null ? ShardIteratorType.TRIM_HORIZON : type;
    try {
      iterator = iterator(effective);
    } catch (SdkException e) {
      LOG.log(System.Logger.Level.WARNING, "Renewing the iterator of shard " + shardId + " failed");
      stop.pause(errorBackoff.next());
    }
  }

  private String iterator(ShardIteratorType effective) {
    return streams
        .getShardIterator(r -> {
          r.streamArn(config.streamArn()).shardId(shardId).shardIteratorType(effective);
          if (effective == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
            r.sequenceNumber(lastRead);
          }
        })
        .shardIterator();
  }
}
