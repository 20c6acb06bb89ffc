package dev.idem.local.sources.stream;

import java.util.List;

/**
 * The calls a stream source makes to its stream's service, the seam between the shard machinery and
 * one service's client (DynamoDB Streams; Kinesis has the same three). Failures the machinery
 * handles come back as {@link ShardRead} values; any other failure is thrown as the client's {@code
 * SdkException}, which the machinery retries with backoff.
 *
 * @param <R> the service's record type
 */
public interface ShardClient<R> {

  /** Where an iterator starts. */
  enum Start {
    /** At the oldest record still in the shard. */
    TRIM_HORIZON,
    /** After the newest record: only records written from now on. */
    LATEST,
    /** After the record with the given sequence number. */
    AFTER_SEQUENCE_NUMBER
  }

  /** Every shard of the stream, closed ones included, across all pages. */
  List<StreamShard> shards();

  /**
   * An iterator over one shard.
   *
   * @param sequenceNumber the record to start after, with {@link Start#AFTER_SEQUENCE_NUMBER};
   *     ignored otherwise
   */
  String iterator(String shardId, Start start, String sequenceNumber);

  /** One read of at most {@code limit} records at the iterator. */
  ShardRead<R> read(String iterator, int limit);
}
