package dev.idem.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives an {@link Invocation} from a fixed pool of client threads for a time window, or from one
 * thread for a number of timed calls. Any failure of an invocation aborts the measurement.
 */
final class LoadRunner implements AutoCloseable {

  /**
   * How many invocations completed in how long, and the CPU time they took.
   *
   * @param invocations invocations completed
   * @param nanos wall-clock time from start until the last client thread finished
   * @param clientCpuNanos CPU time of the client threads: handler, library, SDK, HTTP client
   * @param processCpuNanos CPU time of the whole JVM, DynamoDB Local included
   */
  record Window(long invocations, long nanos, long clientCpuNanos, long processCpuNanos) {
    double perSecond() {
      return invocations * 1e9 / nanos;
    }
  }

  private record Worker(long invocations, long cpuNanos) {}

  private static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final int threads;
  private final ExecutorService pool;
  private final AtomicLong sequence = new AtomicLong();

  /** A runner with {@code threads} client threads. */
  LoadRunner(int threads) {
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads);
  }

  int threads() {
    return threads;
  }

  /** Runs {@code invocation} on every client thread until {@code window} has passed. */
  Window throughput(Invocation invocation, Duration window) throws Exception {
    long processCpu = PROCESS.getProcessCpuTime();
    long start = System.nanoTime();
    long deadline = start + window.toNanos();
    List<Future<Worker>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(loop(invocation, deadline)));
    }
    long invocations = 0;
    long clientCpu = 0;
    for (Future<Worker> future : workers) {
      Worker worker = join(future);
      invocations += worker.invocations();
      clientCpu += worker.cpuNanos();
    }
    long nanos = System.nanoTime() - start;
    return new Window(invocations, nanos, clientCpu, PROCESS.getProcessCpuTime() - processCpu);
  }

  /**
   * Runs each invocation {@code count} times on this thread, taking turns (one call of each, then
   * again), so that a change in the machine's load hits all of them alike.
   *
   * @return the latency of each call in ns, by invocation
   */
  long[][] latencies(List<Invocation> invocations, int count) throws Exception {
    long[][] nanos = new long[invocations.size()][count];
    for (int i = 0; i < count; i++) {
      for (int m = 0; m < invocations.size(); m++) {
        long start = System.nanoTime();
        invocations.get(m).run(sequence.incrementAndGet());
        nanos[m][i] = System.nanoTime() - start;
      }
    }
    return nanos;
  }

  private Callable<Worker> loop(Invocation invocation, long deadline) {
    return () -> {
      long cpu = THREAD_CPU.getCurrentThreadCpuTime();
      long done = 0;
      // At least one invocation per thread, however late the thread starts on a loaded machine.
      do {
        invocation.run(sequence.incrementAndGet());
        done++;
      } while (System.nanoTime() < deadline);
      return new Worker(done, THREAD_CPU.getCurrentThreadCpuTime() - cpu);
    };
  }

  private static Worker join(Future<Worker> worker) throws Exception {
    try {
      return worker.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
