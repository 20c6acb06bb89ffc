package dev.idem.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the API calls an SDK client makes, by operation name (for example {@code PutItem}).
 *
 * <p>Register it on a client with {@code overrideConfiguration(c -> c.addExecutionInterceptor(
 * counter))}. It counts each API call once, however many times the SDK retried it. Thread-safe.
 */
public final class CallCounter implements ExecutionInterceptor {

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  /** Calls of all operations since creation or the last {@link #reset()}. */
  public long total() {
    return calls.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Calls of one operation, for example {@code count("GetItem")}. */
  public long count(String operation) {
    LongAdder adder = calls.get(operation);
    return adder == null ? 0 : adder.sum();
  }

  /** A sorted copy of the counts by operation. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    calls.forEach((operation, adder) -> copy.put(operation, adder.sum()));
    return copy;
  }

  /** Forgets all counts. */
  public void reset() {
    calls.clear();
  }
}
