package dev.idem.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients placing orders as fast as they are answered, for a fixed time. Every tenth client sends
 * each order twice under the same {@code Idempotency-Key} and body, as a client retrying after a
 * lost answer would. A 429 is retried with the same key after a jittered, growing pause, until the
 * time is up; a key counts as accepted once a POST with it was answered 201.
 */
final class LoadClients {

  /** Cheap SKUs (one of each stays under the review threshold), stocked without limit. */
  static final List<String> SKUS =
      List.of("SKU-001", "SKU-004", "SKU-005", "SKU-006", "SKU-009", "SKU-010", "SKU-011");

  /** A 429 is retried after a pause from the first to the longest, doubling, with jitter. */
  static final Duration FIRST_THROTTLE_PAUSE = Duration.ofMillis(20);

  static final Duration LONGEST_THROTTLE_PAUSE = Duration.ofMillis(500);

  /**
   * What the clients saw.
   *
   * @param accepted order id per accepted key
   * @param createdLatenciesNanos the latency of every POST answered 201 (first sends and retries)
   * @param throttled POSTs answered 429
   * @param otherAnswers POSTs answered neither 201 nor 429, by status
   * @param retries second sends under an accepted key that were answered 201
   * @param retryMismatches of those, the ones that named another order than the first answer
   * @param elapsed from the first POST to the last answer
   */
  record Result(
      Map<String, String> accepted,
      long[] createdLatenciesNanos,
      long throttled,
      Map<Integer, Long> otherAnswers,
      long retries,
      long retryMismatches,
      Duration elapsed) {}

  private final OrdersApi api;
  private final Map<String, String> accepted = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
  private final Map<Integer, Long> otherAnswers = new ConcurrentHashMap<>();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong retryMismatches = new AtomicLong();

  LoadClients(OrdersApi api) {
    this.api = api;
  }

  /** Runs {@code clients} clients for {@code duration}. */
  Result run(int clients, Duration duration) throws InterruptedException {
    return run(clients, duration, Integer.MAX_VALUE);
  }

  /**
   * Runs {@code clients} clients until each has had {@code ordersPerClient} orders accepted, or
   * {@code duration} is up, whichever comes first.
   */
  Result run(int clients, Duration duration, int ordersPerClient) throws InterruptedException {
    long begin = System.nanoTime();
    long end = begin + duration.toNanos();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int client = 0; client < clients; client++) {
        int id = client;
        running.add(executor.submit(() -> client(id, end, ordersPerClient)));
      }
      for (Future<?> client : running) {
        join(client);
      }
    }
    long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
    return new Result(
        Map.copyOf(accepted),
        nanos,
        throttled.get(),
        Map.copyOf(otherAnswers),
        retries.get(),
        retryMismatches.get(),
        Duration.ofNanos(System.nanoTime() - begin));
  }

  private Void client(int id, long end, int orders) throws InterruptedException {
    boolean retrying = id % 10 == 0;
    int placed = 0;
    for (int n = 0; placed < orders && System.nanoTime() < end; n++) {
      String key = UUID.randomUUID().toString();
      String body = OrdersApi.body("c-" + id, SKUS.get((id + n) % SKUS.size()), 1);
      String orderId = placeUntilAnswered(key, body, end);
      if (orderId == null) {
        continue;
      }
      accepted.put(key, orderId);
      placed++;
      if (retrying) {
        String again = placeUntilAnswered(key, body, end);
        if (again != null) {
          retries.incrementAndGet();
          if (!again.equals(orderId)) {
            retryMismatches.incrementAndGet();
          }
        }
      }
    }
    return null;
  }

  /** POSTs until answered other than 429, or the time is up; the order id on 201, else null. */
  private String placeUntilAnswered(String key, String body, long end) throws InterruptedException {
    for (int attempt = 0; System.nanoTime() < end; attempt++) {
      long begin = System.nanoTime();
      OrdersApi.Placed placed = api.place(key, body);
      if (placed.status() == 201) {
        latencies.add(System.nanoTime() - begin);
        return placed.orderId();
      }
      if (placed.status() != 429) {
        otherAnswers.merge(placed.status(), 1L, Long::sum);
        return null;
      }
      throttled.incrementAndGet();
      Thread.sleep(throttlePause(attempt));
    }
    return null;
  }

  /** Full jitter over an exponential backoff, as the AWS SDKs retry throttled calls. */
  static Duration throttlePause(int attempt) {
    long ceiling =
        Math.min(
            LONGEST_THROTTLE_PAUSE.toMillis(),
            FIRST_THROTTLE_PAUSE.toMillis() << Math.min(attempt, 20));
    return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(ceiling));
  }

  private static void join(Future<?> client) throws InterruptedException {
    try {
      client.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    }
  }
}
