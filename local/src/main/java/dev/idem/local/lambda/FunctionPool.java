package dev.idem.local.lambda;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The instances of one function, scaled as Lambda scales them: each serves one invocation at a
 * time; a free warm instance is reused (the most recently used first); otherwise a new one starts
 * while the function is under its concurrency limit; at the limit the invocation is throttled at
 * once. An instance that times out, exits or fails its init is discarded; the others live on.
 *
 * <p>Starts are paced by the cloud-wide {@link Scaling}: when every start slot is taken, the
 * invocation waits (up to the function's timeout) for an instance of this function to free up or
 * for a slot; when the cloud's ceiling is reached, the least recently used idle instance of any
 * function is retired to make room, and without one the invocation is throttled. An instance's init
 * has its own budget (Lambda's 10 seconds), and an invocation's timeout runs from the moment its
 * instance takes it, not from its arrival.
 *
 * <p>Obtained from {@link LambdaRuntime#pool(String)}; thread-safe.
 */
public final class FunctionPool implements AutoCloseable {

  /** How long a provisioned instance's init may take at least (Lambda's 130 seconds). */
  public static final Duration PROVISIONED_INIT_LIMIT = Duration.ofSeconds(130);

  private final FunctionDefinition function;
  private final InstanceLauncher launcher;
  private final Duration initTimeout;
  private final Capacity capacity;
  private final BooleanSupplier reclaimIdle;
  private final Deque<Instance> idle = new ArrayDeque<>();
  private final Set<Instance> live = new HashSet<>();
  private final Set<Instance> stale = new HashSet<>();
  private final List<FunctionStats.ColdStart> coldStarts = new ArrayList<>();
  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong throttles = new AtomicLong();
  private final AtomicLong waits = new AtomicLong();
  private volatile InvocationListener listener = InvocationListener.NONE;
  private int slots;
  private int started;
  private boolean closed;

  FunctionPool(
      FunctionDefinition function,
      InstanceLauncher launcher,
      Duration initTimeout,
      Capacity capacity,
      BooleanSupplier reclaimIdle) {
    this.function = function;
    this.launcher = launcher;
    this.initTimeout = initTimeout;
    this.capacity = capacity;
    this.reclaimIdle = reclaimIdle;
    capacity.onRoom(this::wake);
  }

  /** The function this pool runs. */
  public FunctionDefinition function() {
    return function;
  }

  /**
   * Runs one invocation, or returns THROTTLED when every instance is busy and the pool is at its
   * limit, when the cloud is at its ceiling with no idle instance to retire, or when no instance
   * freed up and no start slot opened within the function's timeout.
   *
   * @throws IllegalStateException when the pool is closed, an instance could not be started, or the
   *     calling thread was interrupted (the instance it used is then discarded)
   */
  public InvocationResult invoke(byte[] payload) {
    return invoke(payload, InvocationSource.DIRECT_CALL);
  }

  /** {@link #invoke(byte[])}, telling the listener that {@code source} sent it. */
  public InvocationResult invoke(byte[] payload, InvocationSource source) {
    long begin = System.nanoTime();
    Lease lease;
    try {
      lease = acquire(begin + function.timeout().toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + function.name(), e);
    }
    if (lease == null) {
      throttles.incrementAndGet();
      InvocationResult throttled = InvocationResult.throttled();
      listener.invoked(
          new InvocationListener.Call(function.name(), source, payload, null, throttled, ""));
      return throttled;
    }
    Instance instance = lease.warm() != null ? lease.warm() : startInstance(lease.number(), true);
    InvocationListener heard = listener;
    Instance.Run run = run(instance, payload, heard.wantsLog() ? InvocationListener.LOG_BYTES : 0);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
    if (lease.warm() == null) {
      recordColdStart(instance);
    }
    release(instance, run.outcome());
    InvocationResult result = count(run, elapsed);
    heard.invoked(
        new InvocationListener.Call(
            function.name(), source, payload, run.requestId(), result, run.lines()));
    return result;
  }

  /** Tells {@code newListener} of every invocation from now on, throttled ones included. */
  void listen(InvocationListener newListener) {
    this.listener = java.util.Objects.requireNonNull(newListener, "listener");
  }

  /** How many live instances are idle now (warm, waiting for an invocation). */
  public synchronized int instancesIdle() {
    return idle.size();
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
    AtomicInteger ready = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      int number = reserveProvisionedSlot();
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
      instance = startInstance(number, false);
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
        waits.get(),
        coldStarts);
  }

  /**
   * Stops the instances that are idle now, so that the next invocations start new ones (cold
   * starts, as after a deployment).
   *
   * @return how many were stopped
   */
  public int retireIdleInstances() {
    List<Instance> retired = takeAllIdle();
    retired.forEach(Instance::close);
    return retired.size();
  }

  /** Removes every idle instance from the pool, for the caller to stop. */
  private synchronized List<Instance> takeAllIdle() {
    List<Instance> taken = new ArrayList<>(idle);
    idle.clear();
    taken.forEach(this::forget);
    return taken;
  }

  /**
   * Moves the function to its code as it is now on disk: the idle instances stop, the busy ones
   * finish their invocations and then stop, and new invocations go to new instances — as many
   * started at once as were idle (at least one where the function had any), so that the first
   * requests after a rebuild find the new code warm.
   *
   * @return how many new instances are ready
   */
  public int reload() {
    List<Instance> retired;
    int hadLive;
    synchronized (this) {
      hadLive = live.size();
      stale.addAll(live);
      retired = takeAllIdle();
    }
    retired.forEach(instance -> Thread.ofVirtual().start(instance::close));
    return hadLive == 0 ? 0 : provision(Math.max(1, retired.size()));
  }

  /** When the least recently used idle instance went idle ({@link System#nanoTime()}), if any. */
  synchronized OptionalLong oldestIdleSince() {
    Instance oldest = idle.peekLast();
    return oldest == null ? OptionalLong.empty() : OptionalLong.of(oldest.idleSince());
  }

  /** Stops the least recently used idle instance, to make room: false when none is idle. */
  boolean retireOldestIdle() {
    Instance oldest;
    synchronized (this) {
      oldest = idle.pollLast();
      if (oldest == null) {
        return false;
      }
      forget(oldest);
    }
    oldest.close();
    return true;
  }

  /** Kills every instance, busy or idle, with its process tree, and waits for them to end. */
  @Override
  public void close() {
    List<Instance> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(live);
      idle.clear();
      notifyAll();
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

  /** The cloud is at its ceiling: an idle instance must be retired before this one starts. */
  private static final Lease MAKE_ROOM = new Lease(null, -1);

  /**
   * A warm instance, or a slot for a new one; null when the invocation is throttled. Waits, until
   * {@code deadline} ({@link System#nanoTime()}), while every start slot of the cloud is taken.
   */
  private Lease acquire(long deadline) throws InterruptedException {
    while (true) {
      Lease lease;
      synchronized (this) {
        lease = leaseOrWait(deadline);
      }
      if (lease != MAKE_ROOM) {
        return lease;
      }
      if (!reclaimIdle.getAsBoolean()) {
        return null;
      }
    }
  }

  /** Under the lock: a lease, null to throttle, or {@link #MAKE_ROOM} at the cloud's ceiling. */
  private Lease leaseOrWait(long deadline) throws InterruptedException {
    boolean waited = false;
    while (true) {
      if (closed) {
        throw new IllegalStateException("Function " + function.name() + " is shut down");
      }
      Instance warm = takeIdle();
      if (warm != null) {
        return new Lease(warm, warm.number());
      }
      if (slots >= function.concurrencyLimit()) {
        return null;
      }
      switch (capacity.admit(function)) {
        case START -> {
          return new Lease(null, takeSlot());
        }
        case CEILING_FULL -> {
          return MAKE_ROOM;
        }
        case STARTS_FULL -> {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return null;
          }
          if (!waited) {
            waits.incrementAndGet();
            waited = true;
          }
          TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
      }
    }
  }

  /** The most recently used usable idle instance; unusable ones are dropped. Holds the lock. */
  private Instance takeIdle() {
    Instance warm;
    while ((warm = idle.pollFirst()) != null) {
      if (warm.usable()) {
        return warm;
      }
      forget(warm);
      Thread.ofVirtual().start(warm::close);
    }
    return null;
  }

  /** Takes a slot for a new instance, without a start slot: its number, or -1 at the limit. */
  private synchronized int reserveProvisionedSlot() {
    if (closed) {
      throw new IllegalStateException("Function " + function.name() + " is shut down");
    }
    if (slots >= function.concurrencyLimit() || !capacity.reserve(function)) {
      return -1;
    }
    return takeSlot();
  }

  /** Counts a new instance's slot: its number. Holds the lock. */
  private int takeSlot() {
    slots++;
    started++;
    return started;
  }

  private synchronized void wake() {
    notifyAll();
  }

  /**
   * Starts the instance of a slot taken before; {@code paced} when it holds a start slot, given
   * back once its init has ended.
   */
  private Instance startInstance(int number, boolean paced) {
    Instance instance;
    try {
      instance = Instance.start(function, number, launcher);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        slots--;
      }
      capacity.released(function);
      if (paced) {
        capacity.startEnded();
      }
      throw new IllegalStateException(
          "Could not start an instance of " + function.name() + ": " + e.getMessage(), e);
    }
    if (paced) {
      Thread.ofVirtual().start(() -> endStartAfterInit(instance));
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

  /** Gives the start slot back when the init ends: first poll, failure, exit or init timeout. */
  private void endStartAfterInit(Instance instance) {
    try {
      instance.awaitInit(initTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      capacity.startEnded();
    }
  }

  private Instance.Run run(Instance instance, byte[] payload, int logBytes) {
    try {
      return instance.invoke(payload, initTimeout, logBytes);
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
      if (!closed && outcome.keepsInstance() && instance.usable() && !stale.contains(instance)) {
        instance.markIdle();
        idle.addFirst(instance);
        notifyAll();
        return;
      }
      forget(instance);
    }
    instance.close();
  }

  /** Drops an instance from the books; its slot and its share of the ceiling become free. */
  private void forget(Instance instance) {
    stale.remove(instance);
    if (live.remove(instance)) {
      slots--;
      capacity.released(function);
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
