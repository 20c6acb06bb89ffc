package dev.idem.bench;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The exactly-once auditor's clients: {@code clients} virtual threads placing {@code orders} orders
 * between them, each under a new {@code Idempotency-Key} (sent as {@code X-Correlation-Id} too, so
 * the order row names it). They behave as careful clients of a flaky API do:
 *
 * <ul>
 *   <li>every {@link #DUPLICATE_EVERY}th order is sent again with the same key and body once it was
 *       answered, and both answers are kept: the replay must name the same order;
 *   <li>every {@link #IMPATIENT_EVERY}th order's first attempt gives up after {@link
 *       Settings#shortTimeout()} (a lost answer on the caller's side) and is retried with the key;
 *   <li>429 is retried after a jittered pause doubling from 20 to 500 ms; 409 (the key in flight),
 *       any 5xx (a killed or hung PlaceOrder answers 502) and a failed connection after a jittered
 *       pause of up to {@link #RETRY_PAUSE}; any other answer but 201 is a refusal, kept, not
 *       retried;
 *   <li>a key is retried until it is answered or {@link Settings#keyDeadline()} has passed.
 * </ul>
 */
final class AuditClients {

  static final int DUPLICATE_EVERY = 10;
  static final int IMPATIENT_EVERY = 20;
  static final Duration RETRY_PAUSE = Duration.ofMillis(500);
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param clients concurrent clients
   * @param shortTimeout how long an impatient first attempt waits
   * @param keyDeadline how long a key is retried before the client gives up on it
   */
  record Settings(int clients, Duration shortTimeout, Duration keyDeadline) {}

  /**
   * What the clients did.
   *
   * @param submissions one per key, in order of placing
   * @param answers every attempt's outcome counted: {@code 201}, {@code 201 replayed}, {@code 429},
   *     {@code 409}, {@code 502}..., {@code gave up} (the client's timeout), {@code connection
   *     failed}
   * @param createdNanos the latency of every attempt answered 201
   * @param elapsed from the first POST to the last answer
   */
  record Result(
      List<Submission> submissions,
      Map<String, Long> answers,
      long[] createdNanos,
      Duration elapsed) {}

  private final OrdersApi api;
  private final OrderMix mix;
  private final Settings settings;
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final List<Long> created = Collections.synchronizedList(new ArrayList<>());

  AuditClients(OrdersApi api, OrderMix mix, Settings settings) {
    this.api = api;
    this.mix = mix;
    this.settings = settings;
  }

  /** Places every order of the mix and returns when each key is answered or given up. */
  Result run() throws InterruptedException {
    long begin = System.nanoTime();
    Submission[] submissions = new Submission[mix.orders()];
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < settings.clients(); c++) {
        clients.add(executor.submit(() -> client(next, submissions)));
      }
      for (Future<?> client : clients) {
        join(client);
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    answers.forEach((answer, count) -> counts.put(answer, count.sum()));
    return new Result(
        List.of(submissions),
        counts,
        created.stream().mapToLong(Long::longValue).toArray(),
        Duration.ofNanos(System.nanoTime() - begin));
  }

  private Void client(AtomicInteger next, Submission[] submissions) throws InterruptedException {
    for (int n = next.getAndIncrement(); n < submissions.length; n = next.getAndIncrement()) {
      submissions[n] = submit(n);
    }
    return null;
  }

  /** Order {@code n}: sent until answered, and again when it is one of the duplicated ones. */
  Submission submit(int n) throws InterruptedException {
    String key = UUID.randomUUID().toString();
    Map<String, Long> lines = mix.lines(n);
    String body = OrderMix.body("c-" + n % 97, lines);
    long deadline = System.nanoTime() + settings.keyDeadline().toNanos();
    List<String> orderIds = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    boolean impatient = n % IMPATIENT_EVERY == IMPATIENT_EVERY / 2;
    String first = untilAnswered(key, body, impatient, deadline, refusals);
    if (first != null) {
      orderIds.add(first);
      if (n % DUPLICATE_EVERY == 0) {
        String again = untilAnswered(key, body, false, deadline, refusals);
        if (again != null) {
          orderIds.add(again);
        }
      }
    }
    return new Submission(key, lines, orderIds, refusals);
  }

  /** POSTs until answered 201 (its order id), refused (null, kept) or the deadline (null). */
  private String untilAnswered(
      String key, String body, boolean impatient, long deadline, List<String> refusals)
      throws InterruptedException {
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      Duration timeout = impatient && attempt == 0 ? settings.shortTimeout() : TIMEOUT;
      long begin = System.nanoTime();
      OrdersApi.Answer answer;
      try {
        answer = api.placeCorrelated(key, body, timeout);
      } catch (UncheckedIOException e) {
        count(e.getCause() instanceof HttpTimeoutException ? "gave up" : "connection failed");
        Thread.sleep(retryPause());
        continue;
      }
      int status = answer.status();
      count(status == 201 && answer.replayed() ? "201 replayed" : Integer.toString(status));
      if (status == 201) {
        created.add(System.nanoTime() - begin);
        return answer.orderId();
      }
      if (status == 429) {
        Thread.sleep(LoadClients.throttlePause(attempt));
      } else if (status == 409 || status >= 500) {
        Thread.sleep(retryPause());
      } else {
        refusals.add(status + " " + answer.body());
        return null;
      }
    }
    return null;
  }

  private void count(String answer) {
    answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
  }

  private static Duration retryPause() {
    return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(RETRY_PAUSE.toMillis()));
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
