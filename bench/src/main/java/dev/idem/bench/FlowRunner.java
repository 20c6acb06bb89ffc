package dev.idem.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders through the whole flow: {@code POST /orders}, then {@code GET /orders/{id}} every {@code
 * poll} until the order is PAID (or already FULFILLED, which comes after PAID), timed from before
 * the POST to the answer that shows it. {@code lanes} orders are under way at a time, each lane
 * placing its next order once its last one is paid.
 */
final class FlowRunner {

  /**
   * @param lanes orders under way at a time
   * @param poll the pause between two reads of one order
   * @param warmupPerLane orders per lane placed before measuring, so that the functions' instances
   *     have started and their JIT has compiled the hot paths
   * @param deadline how long one measured order may take; a warm-up order may take {@link
   *     #WARMUP_DEADLINE}, as the instances of every function start at once then
   */
  record Settings(int lanes, Duration poll, int warmupPerLane, Duration deadline) {

    static final Duration WARMUP_DEADLINE = Duration.ofSeconds(120);

    /** These settings for the warm-up: its deadline. */
    Settings warmup() {
      return new Settings(lanes, poll, warmupPerLane, WARMUP_DEADLINE);
    }
  }

  /** Where the flow ends: PAID, or FULFILLED when reservation and payment both finished first. */
  static final Set<String> PAID = Set.of("PAID", "FULFILLED");

  private final OrdersApi api;
  private final Settings settings;
  private final String sku;

  FlowRunner(OrdersApi api, Settings settings, String sku) {
    this.api = api;
    this.settings = settings;
    this.sku = sku;
  }

  /**
   * Runs {@code orders} orders.
   *
   * @return each order's flow time in nanoseconds, in the order they were placed
   * @throws IllegalStateException when an order is refused, ends other than paid, or misses the
   *     deadline
   */
  long[] run(int orders) throws InterruptedException {
    long[] flows = new long[orders];
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int lane = 0; lane < settings.lanes(); lane++) {
        running.add(lanes.submit(() -> lane(next, flows)));
      }
      for (Future<?> lane : running) {
        join(lane);
      }
    }
    return flows;
  }

  private Void lane(AtomicInteger next, long[] flows) throws InterruptedException {
    for (int i = next.getAndIncrement(); i < flows.length; i = next.getAndIncrement()) {
      flows[i] = flow();
    }
    return null;
  }

  /** One order, POST to paid, in nanoseconds. */
  long flow() throws InterruptedException {
    long begin = System.nanoTime();
    OrdersApi.Placed placed =
        api.place(UUID.randomUUID().toString(), OrdersApi.body("c-flow", sku, 1));
    if (placed.status() != 201) {
      throw new IllegalStateException("POST /orders answered " + placed.status());
    }
    long deadline = begin + settings.deadline().toNanos();
    while (true) {
      String status = api.status(placed.orderId());
      long now = System.nanoTime();
      if (PAID.contains(status)) {
        return now - begin;
      }
      if (now > deadline || status.equals("PAYMENT_FAILED") || status.equals("CANCELLED")) {
        throw new IllegalStateException(
            "Order "
                + placed.orderId()
                + " is "
                + status
                + " after "
                + (now - begin) / 1_000_000
                + " ms");
      }
      Thread.sleep(settings.poll());
    }
  }

  private static void join(Future<?> lane) throws InterruptedException {
    try {
      lane.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    }
  }
}
