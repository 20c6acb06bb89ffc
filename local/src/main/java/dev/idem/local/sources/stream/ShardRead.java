package dev.idem.local.sources.stream;

import java.util.List;

/**
 * What one read of a shard gave: records, or one of the answers a shard reader recovers from.
 *
 * @param <R> the service's record type
 */
public sealed interface ShardRead<R> {

  /**
   * Records, in order.
   *
   * @param records possibly none
   * @param nextIterator where the next read starts, or null when the shard is closed and read to
   *     its end
   */
  record Records<R>(List<R> records, String nextIterator) implements ShardRead<R> {

    /** Copies the list. */
    public Records {
      records = List.copyOf(records);
    }
  }

  /** The iterator expired: the reader takes a new one after the last record it read. */
  record Expired<R>() implements ShardRead<R> {}

  /** The iterator points at records already trimmed: the reader starts again at the oldest. */
  record Trimmed<R>() implements ShardRead<R> {}

  /**
   * The shard or stream is gone: the reader ends.
   *
   * @param reason the service's message
   */
  record Gone<R>(String reason) implements ShardRead<R> {}
}
