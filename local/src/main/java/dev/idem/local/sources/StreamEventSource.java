package dev.idem.local.sources;

import dev.idem.local.sources.StreamSourceConfig.StartingPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB stream event source mapping with Lambda's semantics: each shard is read in order by a
 * reader of its own with one batch in flight (a child shard only once its parent is read to its
 * end); the shards are listed again every second, so children are followed as they appear. How a
 * failing batch is retried, bisected, resumed and finally reported to the OnFailure destination is
 * told by {@link StreamSourceConfig}.
 *
 * <p>Progress is kept in memory: a new source starts at its {@code StartingPosition} again.
 *
 * {@snippet :
 * try (StreamEventSource source =
 *     StreamEventSource.start(config, streamsClient, sqsClient, SourceContext.of(lambda))) {
 *   // writes to the table now reach the function
 * }
 * }
 */
public final class StreamEventSource implements AutoCloseable {

  /** How long {@link #close()} waits for batches in flight. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final System.Logger LOG = System.getLogger(StreamEventSource.class.getName());
  private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(1);

  private enum ShardState {
    READING,
    FINISHED,
    FAILED
  }

  private final StreamSourceConfig config;
  private final DynamoDbStreamsClient streams;
  private final StreamBatchProcessor processor;
  private final StopSignal stop = new StopSignal();
  private final Semaphore wake = new Semaphore(0);
  private final Map<String, ShardState> shards = new ConcurrentHashMap<>();
  private final List<Thread> readers = new CopyOnWriteArrayList<>();
  private final Thread coordinator;
  private boolean describeFailing;

  private StreamEventSource(
      StreamSourceConfig config,
      DynamoDbStreamsClient streams,
      SqsClient destinations,
      SourceContext context) {
    this.config = config;
    this.streams = streams;
    OnFailureDestination destination =
        new OnFailureDestination(config, destinations, context.clock());
    this.processor = new StreamBatchProcessor(config, context, destination, stop);
    this.coordinator =
        Thread.ofVirtual().name("stream-source-" + config.tableName()).unstarted(this::coordinate);
  }

  /**
   * Lists the stream's shards, takes the iterators of the open ones at the starting position (so
   * with {@code LATEST} every write after this returns is seen) and starts reading.
   *
   * @param config the mapping
   * @param streams a client for the stream's endpoint; the source does not close it
   * @param destinations a client for the OnFailure queue's endpoint, or null when the mapping has
   *     none; the source does not close it
   * @param context the functions, the clock record ages are measured with, and the listener
   * @throws IllegalStateException when the stream does not exist or cannot be read
   * @throws NullPointerException when the mapping has an OnFailure destination but no SQS client is
   *     given
   */
  public static StreamEventSource start(
      StreamSourceConfig config,
      DynamoDbStreamsClient streams,
      SqsClient destinations,
      SourceContext context) {
    if (config.onFailureDestinationArn() != null) {
      Objects.requireNonNull(destinations, "an SQS client for the OnFailure destination");
    }
    StreamEventSource source = new StreamEventSource(config, streams, destinations, context);
    try {
      source.discover(true);
    } catch (SdkException e) {
      throw new IllegalStateException(
          "Stream source of " + config.functionName() + ": cannot read " + config.streamArn(), e);
    }
    source.coordinator.start();
    return source;
  }

  /** The mapping this source runs. */
  public StreamSourceConfig config() {
    return config;
  }

  /** Stops reading and waits up to {@link #DEFAULT_CLOSE_TIMEOUT} for batches in flight. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Stops reading at once (no new batch starts, retries and throttle waits end) and waits for the
   * invocations in flight to finish. Idempotent.
   *
   * @param timeout how long to wait for invocations in flight
   * @return true when every reader ended in time
   */
  public boolean close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    stop.stop();
    wake.release();
    List<Thread> threads = new ArrayList<>(readers);
    threads.add(coordinator);
    try {
      for (Thread thread : threads) {
        if (!thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void coordinate() {
    while (!stop.stopped()) {
      try {
        wake.tryAcquire(DISCOVERY_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (stop.stopped()) {
        return;
      }
      try {
        discover(false);
        describeFailing = false;
      } catch (SdkException e) {
        if (!describeFailing) {
          LOG.log(System.Logger.Level.WARNING, "Listing the shards of " + config.streamArn(), e);
        }
        describeFailing = true;
      }
    }
  }

  private void discover(boolean initial) {
    List<Shard> listed = describe();
    Set<String> present = ConcurrentHashMap.newKeySet();
    listed.forEach(shard -> present.add(shard.shardId()));
    for (Shard shard : listed) {
      if (shards.containsKey(shard.shardId()) || !parentDone(shard, present)) {
        continue;
      }
      boolean closed = shard.sequenceNumberRange().endingSequenceNumber() != null;
      if (initial && config.startingPosition() == StartingPosition.LATEST && closed) {
        shards.put(shard.shardId(), ShardState.FINISHED);
        continue;
      }
      boolean latest = initial && config.startingPosition() == StartingPosition.LATEST;
      startReader(
          shard.shardId(), latest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON);
    }
  }

  private boolean parentDone(Shard shard, Set<String> present) {
    String parent = shard.parentShardId();
    return parent == null || !present.contains(parent) || shards.get(parent) == ShardState.FINISHED;
  }

  private void startReader(String shardId, ShardIteratorType type) {
    String iterator =
        streams
            .getShardIterator(
                r -> r.streamArn(config.streamArn()).shardId(shardId).shardIteratorType(type))
            .shardIterator();
    shards.put(shardId, ShardState.READING);
    ShardReader reader =
        new ShardReader(config, streams, processor, stop, shardId, iterator, this::ended);
    readers.add(Thread.ofVirtual().name("stream-shard-" + shardId).start(reader));
  }

  private void ended(String shardId, boolean finished) {
    shards.put(shardId, finished ? ShardState.FINISHED : ShardState.FAILED);
    readers.remove(Thread.currentThread());
    wake.release();
  }

  private List<Shard> describe() {
    List<Shard> listed = new ArrayList<>();
    String after = null;
    do {
      String start = after;
      var description =
          streams
              .describeStream(r -> r.streamArn(config.streamArn()).exclusiveStartShardId(start))
              .streamDescription();
      listed.addAll(description.shards());
      after = description.lastEvaluatedShardId();
    } while (after != null);
    return listed;
  }
}
