package dev.idem.local.sources.stream;

import dev.idem.local.sources.EventSource;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.stream.ShardClient.Start;
import dev.idem.local.sources.stream.StreamSourceConfig.StartingPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A stream event source mapping with Lambda's semantics, for any stream of shards: each shard is
 * read in order by a reader of its own with one batch in flight (a child shard only once its parent
 * is read to its end); the shards are listed again every second, so children are followed as they
 * appear. How a failing batch is retried, bisected, resumed and finally reported to the OnFailure
 * destination is told by {@link StreamSourceConfig}. What differs between streams — the service's
 * client and its records' shape — comes in as a {@link ShardClient} and a {@link StreamRecords}
 * (for a DynamoDB stream, {@code dev.idem.local.sources.dynamodb.DynamoDbStreamSource}).
 *
 * <p>Progress is kept in memory: a new source starts at its {@code StartingPosition} again. Closing
 * it stops reading at once (no new batch starts, retries and throttle waits end) and waits for the
 * invocations in flight.
 *
 * @param <R> the service's record type
 */
public final class StreamEventSource<R> extends EventSource {

  private static final System.Logger LOG = System.getLogger(StreamEventSource.class.getName());
  private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(1);

  private enum ShardState {
    READING,
    FINISHED,
    FAILED
  }

  private final StreamSourceConfig config;
  private final ShardClient<R> client;
  private final StreamRecords<R> shape;
  private final StreamBatchProcessor<R> processor;
  private final Semaphore wake = new Semaphore(0);
  private final Map<String, ShardState> shards = new ConcurrentHashMap<>();
  private final List<Thread> readers = new CopyOnWriteArrayList<>();
  private final Map<String, ShardReader<R>> shardReaders = new ConcurrentHashMap<>();
  private boolean describeFailing;

  private StreamEventSource(
      StreamSourceConfig config,
      ShardClient<R> client,
      StreamRecords<R> shape,
      SqsClient destinations,
      SourceContext context) {
    super(
        shape.kind() + " stream " + config.tableName() + " -> " + config.functionName(),
        "stream-source-" + config.tableName());
    this.config = config;
    this.client = client;
    this.shape = shape;
    OnFailureDestination<R> destination =
        new OnFailureDestination<>(config, shape, destinations, context.clock());
    this.processor = new StreamBatchProcessor<>(config, shape, context, destination, stopSignal());
  }

  /**
   * Lists the stream's shards, takes the iterators of the open ones at the starting position (so
   * with {@code LATEST} every write after this returns is seen) and starts reading.
   *
   * @param config the mapping
   * @param client the stream's service; the source does not close it
   * @param shape the stream's records
   * @param destinations a client for the OnFailure queue's endpoint, or null when the mapping has
   *     none; the source does not close it
   * @param context the functions, the clock record ages are measured with, and the listener
   * @throws IllegalStateException when the stream does not exist or cannot be read
   * @throws NullPointerException when the mapping has an OnFailure destination but no SQS client is
   *     given
   */
  public static <R> StreamEventSource<R> start(
      StreamSourceConfig config,
      ShardClient<R> client,
      StreamRecords<R> shape,
      SqsClient destinations,
      SourceContext context) {
    if (config.onFailureDestinationArn() != null) {
      Objects.requireNonNull(destinations, "an SQS client for the OnFailure destination");
    }
    StreamEventSource<R> source =
        new StreamEventSource<>(config, client, shape, destinations, context);
    try {
      source.discover(true);
    } catch (SdkException e) {
      throw new IllegalStateException(
          "Stream source of " + config.functionName() + ": cannot read " + config.streamArn(), e);
    }
    source.startPolling();
    return source;
  }

  /** The mapping this source runs. */
  public StreamSourceConfig config() {
    return config;
  }

  @Override
  protected void wake() {
    wake.release();
  }

  @Override
  protected boolean awaitInFlight(long deadlineNanos) throws InterruptedException {
    for (Thread reader : List.copyOf(readers)) {
      if (!reader.join(remaining(deadlineNanos))) {
        return false;
      }
    }
    return true;
  }

  /** Lists the shards again after a second, or at once when a reader ended. */
  @Override
  protected void poll() throws InterruptedException {
    wake.tryAcquire(DISCOVERY_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
    if (stopSignal().stopped()) {
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

  private void discover(boolean initial) {
    List<StreamShard> listed = client.shards();
    Set<String> present = ConcurrentHashMap.newKeySet();
    listed.forEach(shard -> present.add(shard.id()));
    boolean latest = initial && config.startingPosition() == StartingPosition.LATEST;
    for (StreamShard shard : listed) {
      if (shards.containsKey(shard.id()) || !parentDone(shard, present)) {
        continue;
      }
      if (latest && shard.closed()) {
        shards.put(shard.id(), ShardState.FINISHED);
        continue;
      }
      startReader(shard.id(), latest ? Start.LATEST : Start.TRIM_HORIZON);
    }
  }

  private boolean parentDone(StreamShard shard, Set<String> present) {
    String parent = shard.parentId();
    return parent == null || !present.contains(parent) || shards.get(parent) == ShardState.FINISHED;
  }

  private void startReader(String shardId, Start start) {
    String iterator = client.iterator(shardId, start, null);
    shards.put(shardId, ShardState.READING);
    ShardReader<R> reader =
        new ShardReader<>(
            config, client, shape, processor, stopSignal(), shardId, iterator, this::ended);
    shardReaders.put(shardId, reader);
    readers.add(Thread.ofVirtual().name("stream-shard-" + shardId).start(reader));
  }

  /**
   * Each shard's position: the last sequence number handed to the function and how many records are
   * behind it (held for the next batch, or in the stream after where its reader reads next),
   * counted up to {@code maxBehind} by reading the stream with the reader's own next iterator (a
   * read consumes nothing).
   *
   * @throws SdkException when the stream cannot be read
   */
  public List<ShardPosition> positions(int maxBehind) {
    List<ShardPosition> positions = new java.util.ArrayList<>();
    shardReaders.forEach((shardId, reader) -> {
      ShardReader.Progress progress = reader.progress();
      long behind = progress.buffered();
      String iterator = progress.nextIterator();
      while (iterator != null && behind < maxBehind) {
        if (!(client.read(iterator, (int) Math.min(1000, maxBehind - behind))
            instanceof ShardRead.Records<R> read)) {
          break;
        }
        if (read.records().isEmpty()) {
          break;
        }
        behind += read.records().size();
        iterator = read.nextIterator();
      }
      ShardState state = shards.getOrDefault(shardId, ShardState.READING);
      positions.add(
          new ShardPosition(
              shardId,
              state.name(),
              progress.lastHanded(),
              Math.min(behind, maxBehind),
              behind >= maxBehind));
    });
    positions.sort(java.util.Comparator.comparing(ShardPosition::shardId));
    return positions;
  }

  private void ended(String shardId, boolean finished) {
    shards.put(shardId, finished ? ShardState.FINISHED : ShardState.FAILED);
    readers.remove(Thread.currentThread());
    wake.release();
  }
}
