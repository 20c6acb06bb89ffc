package dev.idem.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * poll} until the order is FULFILLED (paid and its stock reserved), timed from before the POST to
 * the first answer that shows it PAID (or already FULFILLED) and to the first that shows it
 * FULFILLED. {@code lanes} orders are under way at a time, each lane placing its next order once
 * its last one is fulfilled.
 */
final class FlowRunner {

  /**
   * @param lanes orders under way at a time
   * @param poll the pause between two reads of one order
   * @param deadline how long one order may take
   */
  record Settings(int lanes, Duration poll, Duration deadline) {}

  /** Where the flow ends: PAID, or FULFILLED when reservation and payment both finished first. */
  static final Set<String> PAID = Set.of("PAID", "FULFILLED");

  /**
   * One order's times, nanoseconds from before its POST.
   *
   * @param paid to the first answer showing it PAID or FULFILLED
   * @param fulfilled to the first answer showing it FULFILLED
   */
  record Flow(long paid, long fulfilled) {}

  /**
   * The flows of many orders, in the order they were placed.
   *
   * @param paid each order's {@link Flow#paid()}
   * @param fulfilled each order's {@link Flow#fulfilled()}
   */
  record Flows(long[] paid, long[] fulfilled) {

    /** These flows followed by {@code more}. */
    Flows plus(Flows more) {
      return new Flows(concat(paid, more.paid), concat(fulfilled, more.fulfilled));
    }

    static Flows none() {
      return new Flows(new long[0], new long[0]);
    }

    private static long[] concat(long[] a, long[] b) {
      long[] both = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      return both;
    }
  }

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
   * @return each order's flow times, in the order they were placed
   * @throws IllegalStateException when an order is refused, ends other than fulfilled, or misses
   *     the deadline
   */
  Flows run(int orders) throws InterruptedException {
    Flow[] flows = new Flow[orders];
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
    return new Flows(
        Arrays.stream(flows).mapToLong(Flow::paid).toArray(),
        Arrays.stream(flows).mapToLong(Flow::fulfilled).toArray());
  }

  private Void lane(AtomicInteger next, Flow[] flows) throws InterruptedException {
    for (int i = next.getAndIncrement(); i < flows.length; i = next.getAndIncrement()) {
      flows[i] = flow();
    }
    return null;
  }

  /** One order, POST to paid and to fulfilled. */
  Flow flow() throws InterruptedException {
    long begin = System.nanoTime();
    OrdersApi.Placed placed =
        api.place(UUID.randomUUID().toString(), OrdersApi.body("c-flow", sku, 1));
    if (placed.status() != 201) {
      throw new IllegalStateException("POST /orders answered " + placed.status());
    }
    long deadline = begin + settings.deadline().toNanos();
    long paid = 0;
    while (true) {
      String status = api.status(placed.orderId());
      long now = System.nanoTime();
      if (paid == 0 && PAID.contains(status)) {
        paid = now - begin;
      }
      if (status.equals("FULFILLED")) {
        return new Flow(paid, now - begin);
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

  /** The task's result; its failure rethrown as it was thrown (a checked one wrapped). */
  static <T> T join(Future<T> task) throws InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    }
  }
}
