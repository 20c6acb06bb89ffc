package dev.idem.local.lambda;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The instances of one function, scaled as Lambda scales them: each serves one invocation at a
 * time; a free warm instance is reused (the most recently used first); otherwise a new one starts
 * while the function is under its concurrency limit; at the limit the invocation is throttled at
 * once. An instance that times out, exits or fails its init is discarded; the others live on.
 *
 * <p>Obtained from {@link LambdaRuntime#pool(String)}; thread-safe.
 */
public final class FunctionPool implements AutoCloseable {

  /** How long a provisioned instance's init may take at least (Lambda's 130 seconds). */
  public static final Duration PROVISIONED_INIT_LIMIT = Duration.ofSeconds(130);

  private final FunctionDefinition function;
  private final InstanceLauncher launcher;
  private final Duration initTimeout;
  private final Deque<Instance> idle = new ArrayDeque<>();
  private final Set<Instance> live = new HashSet<>();
  private final List<FunctionStats.ColdStart> coldStarts = new ArrayList<>();
  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong throttles = new AtomicLong();
  private int slots;
  private int started;
  private boolean closed;

  FunctionPool(FunctionDefinition function, InstanceLauncher launcher, Duration initTimeout) {
    this.function = function;
    this.launcher = launcher;
    this.initTimeout = initTimeout;
  }

  /** The function this pool runs. */
  public FunctionDefinition function() {
    return function;
  }

  /**
   * Runs one invocation, or returns THROTTLED at once when every instance is busy and the pool is
   * at its limit.
   *
   * @throws IllegalStateException when the pool is closed, an instance could not be started, or the
   *     calling thread was interrupted (the instance it used is then discarded)
   */
  public InvocationResult invoke(byte[] payload) {
    long begin = System.nanoTime();
    Lease lease = acquire();
    if (lease == null) {
      throttles.incrementAndGet();
      return InvocationResult.throttled();
    }
    Instance instance = lease.warm() != null ? lease.warm() : startInstance(lease.number());
    Instance.Run run = run(instance, payload);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
    if (lease.warm() == null) {
      recordColdStart(instance);
    }
    release(instance, run.outcome());
    return count(run, elapsed);
  }

  /**
   * Starts up to {@code count} instances at once (within the concurrency limit) and waits for each
   * to finish its init, as provisioned concurrency keeps initialized instances ready: their first
   * invocations are warm. As in Lambda, the init of a provisioned instance may take {@link
   * #PROVISIONED_INIT_LIMIT} or the function's timeout, whichever is longer, not the on-demand init
   * timeout; an instance whose init fails or outlasts that is discarded.
   *
   * @return how many instances are ready
   * @throws IllegalStateException when the pool is closed
   */
  public int provision(int count) {
    List<Thread> starters = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger ready =
        new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < count; i++) {
      int number = reserveSlot();
      if (number < 0) {
        break;
      }
      starters.add(
          Thread.ofVirtual()
              .start(() -> {
                if (provisionOne(number)) {
                  ready.incrementAndGet();
                }
              }));
    }
    for (Thread starter : starters) {
      try {
        starter.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ready.get();
  }

  private boolean provisionOne(int number) {
    Instance instance;
    try {
      instance = startInstance(number);
    } catch (IllegalStateException e) {
      return false;
    }
    try {
      Duration limit =
          function.timeout().compareTo(PROVISIONED_INIT_LIMIT) > 0
              ? function.timeout()
              : PROVISIONED_INIT_LIMIT;
      if (instance.awaitInit(limit)) {
        release(instance, Outcome.response(new byte[0]));
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      forget(instance);
    }
    instance.close();
    return false;
  }

  /** Counts and timings so far. */
  public synchronized FunctionStats stats() {
    return new FunctionStats(
        function.name(),
        function.concurrencyLimit(),
        started,
        live.size(),
        invocations.get(),
        errors.get(),
        timeouts.get(),
        throttles.get(),
        coldStarts);
  }

  /**
   * Stops the instances that are idle now, so that the next invocations start new ones (cold
   * starts, as after a deployment).
   *
   * @return how many were stopped
   */
  public int retireIdleInstances() {
    List<Instance> retired;
    synchronized (this) {
      retired = new ArrayList<>(idle);
      idle.clear();
      retired.forEach(this::forget);
    }
    retired.forEach(Instance::close);
    return retired.size();
  }

  /** Kills every instance, busy or idle, with its process tree, and waits for them to end. */
  @Override
  public void close() {
    List<Instance> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(live);
      idle.clear();
    }
    List<Thread> closers =
        all.stream().map(instance -> Thread.ofVirtual().start(instance::close)).toList();
    for (Thread closer : closers) {
      try {
        closer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The process ids of the live instances. */
  synchronized List<Long> processIds() {
    return live.stream().map(Instance::pid).toList();
  }

  private record Lease(Instance warm, int number) {}

  private synchronized Lease acquire() {
    if (closed) {
      throw new IllegalStateException("Function " + function.name() + " is shut down");
    }
    Instance warm;
    while ((warm = idle.pollFirst()) != null) {
      if (warm.usable()) {
        return new Lease(warm, warm.number());
      }
      forget(warm);
      Thread.ofVirtual().start(warm::close);
    }
    int number = reserveSlot();
    return number < 0 ? null : new Lease(null, number);
  }

  /** Takes a slot for a new instance: its number, or -1 at the limit. */
  private synchronized int reserveSlot() {
    if (closed) {
      throw new IllegalStateException("Function " + function.name() + " is shut down");
    }
    if (slots >= function.concurrencyLimit()) {
      return -1;
    }
    slots++;
    started++;
    return started;
  }

  private Instance startInstance(int number) {
    Instance instance;
    try {
      instance = Instance.start(function, number, launcher);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        slots--;
      }
      throw new IllegalStateException(
          "Could not start an instance of " + function.name() + ": " + e.getMessage(), e);
    }
    synchronized (this) {
      if (!closed) {
        live.add(instance);
        return instance;
      }
    }
    instance.close();
    throw new IllegalStateException("Function " + function.name() + " is shut down");
  }

  private Instance.Run run(Instance instance, byte[] payload) {
    try {
      return instance.invoke(payload, initTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      synchronized (this) {
        forget(instance);
      }
      instance.close();
      throw new IllegalStateException("Interrupted while invoking " + function.name(), e);
    }
  }

  private void release(Instance instance, Outcome outcome) {
    synchronized (this) {
      if (!closed && outcome.keepsInstance() && instance.usable()) {
        idle.addFirst(instance);
        return;
      }
      forget(instance);
    }
    instance.close();
  }

  /** Drops an instance from the books; its slot becomes free. Holds the lock. */
  private void forget(Instance instance) {
    if (live.remove(instance)) {
      slots--;
    }
  }

  private void recordColdStart(Instance instance) {
    Duration init = instance.initDuration();
    if (init != null) {
      synchronized (this) {
        coldStarts.add(new FunctionStats.ColdStart(instance.number(), init, instance.sinceStart()));
      }
    }
  }

  private InvocationResult count(Instance.Run run, Duration elapsed) {
    invocations.incrementAndGet();
    Outcome outcome = run.outcome();
    if (outcome.kind() == Outcome.Kind.RESPONSE) {
      return InvocationResult.ok(outcome.payload(), run.logTail(), elapsed);
    }
    errors.incrementAndGet();
    if (outcome.kind() == Outcome.Kind.TIMEOUT) {
      timeouts.incrementAndGet();
    }
    return InvocationResult.functionError(
        outcome.errorType(), outcome.payload(), run.logTail(), elapsed);
  }
}
