package dev.idem.idempotency.internal;

import dev.idem.idempotency.spi.IdempotencyRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, least-recently-used cache of completed records in this container. An optimisation
 * only: a miss falls through to the store, and an entry past its record's expiry is never served.
 * Completed records never change until they expire, so a cached one cannot be stale.
 */
public final class CompletedCache {

  private final int capacity;
  private final Map<String, IdempotencyRecord> records;

  /** A cache of at most {@code capacity} records; 0 disables it. */
  public CompletedCache(int capacity) {
    this.capacity = capacity;
    this.records =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, IdempotencyRecord> eldest) {
            return size() > CompletedCache.this.capacity;
          }
        };
  }

  /** The completed record for {@code id}, if cached and not expired at {@code now}. */
  public Optional<IdempotencyRecord> get(String id, Instant now) {
    if (capacity == 0) {
      return Optional.empty();
    }
    synchronized (records) {
      IdempotencyRecord record = records.get(id);
      if (record == null) {
        return Optional.empty();
      }
      if (record.isExpired(now)) {
        records.remove(id);
        return Optional.empty();
      }
      return Optional.of(record);
    }
  }

  /** Caches a completed record. */
  public void put(IdempotencyRecord record) {
    if (capacity == 0) {
      return;
    }
    synchronized (records) {
      records.put(record.id(), record);
    }
  }

  /** How many records the cache holds. */
  public int size() {
    synchronized (records) {
      return records.size();
    }
  }
}
