package dev.idem.idempotency.testkit;

import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the calls made to a store, by SPI method name; the in-memory twin of CallCounter. */
public final class CountingStore implements IdempotencyStore {

  private final IdempotencyStore delegate;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  /** Counts the calls to {@code delegate}. */
  public CountingStore(IdempotencyStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public ClaimResult claim(ClaimRequest claim) {
    count("claim");
    return delegate.claim(claim);
  }

  @Override
  public boolean complete(Completion completion) {
    count("complete");
    return delegate.complete(completion);
  }

  @Override
  public boolean release(String id, String leaseToken) {
    count("release");
    return delegate.release(id, leaseToken);
  }

  @Override
  public Optional<IdempotencyRecord> get(String id) {
    count("get");
    return delegate.get(id);
  }

  /** A sorted copy of the counts by method. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    calls.forEach((method, adder) -> copy.put(method, adder.sum()));
    return copy;
  }

  /** Forgets all counts. */
  public void reset() {
    calls.clear();
  }

  private void count(String method) {
    calls.computeIfAbsent(method, k -> new LongAdder()).increment();
  }
}
