package dev.idem.functions.common;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Priming at init: a function's Lambda constructor starts it so that classes its first invocation
 * needs are loaded and initialized on a background thread while the constructor goes on building
 * the SDK clients, and the first invocation finds them ready. Only the Lambda (no-argument)
 * constructors prime; the constructors taking collaborators do not.
 *
 * <p>Why a thread: work moved from the first invocation into the constructor does not shorten a
 * cold start (process start to first response); the same work done at the same time as the
 * constructor's does. It only helps when the JVM has a second CPU to spare at init. Lambda allots
 * CPU in proportion to memory (one vCPU's worth at 1,769 MB), so at smaller sizes, or on one vCPU,
 * the thread takes turns with the constructor and the first invocation: the classes get loaded once
 * either way, and what priming adds is its own work, the thread, one offline client and its
 * placeholder calls: about 10 to 30 ms of CPU at a cold JVM's speed.
 *
 * <p>Nothing reaches the network or a table: SDK calls go through a client over {@link
 * OfflineHttpClient}, with placeholder credentials and table names (see {@link PrimingCalls}); the
 * function's own client is only built here, never called. A step that fails is skipped, with a
 * DEBUG log line: priming is an optimization and never fails the function. Steps run one after
 * another, in the order given, on one daemon thread, which ends once it has nothing left to run.
 *
 * {@snippet :
 * public ReserveInventoryHandler() {
 *   this(ReserveInventoryConfig.fromEnv(System.getenv()), Priming.ifSpareCpu(PrimingCalls::orderEvents));
 * }
 *
 * private ReserveInventoryHandler(ReserveInventoryConfig config, Priming priming) {
 *   this(config, priming.dynamoDb(config.aws(), CALLS), Clock.systemUTC(), System.out);
 * }
 * }
 */
public final class Priming {

  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final OfflineHttpClient offline = new OfflineHttpClient();
  private final ExecutorService thread; // null when priming runs nothing

  private Priming(boolean enabled) {
    this.thread = enabled ? oneDaemonThread() : null;
  }

  /** Starts {@code steps} on a daemon thread and returns at once. */
  public static Priming start(Runnable... steps) {
    return new Priming(true).then(steps);
  }

  /**
   * As {@link #start}, when the JVM sees a second CPU to run them on; else a priming that runs
   * nothing, whose {@link #dynamoDb} and {@link #eventBridge} only build the function's clients: on
   * one CPU priming cannot shorten a cold start. Lambda's execution environment shows two vCPUs or
   * more at every memory size and shares CPU time out in proportion to memory, so there it always
   * primes; how much that gains below 1,769 MB (one vCPU's worth) depends on the CPU Lambda grants
   * during init, which was measured here only on a 2-core machine, not in AWS.
   */
  public static Priming ifSpareCpu(Runnable... steps) {
    return ifSpareCpu(Runtime.getRuntime().availableProcessors(), steps);
  }

  static Priming ifSpareCpu(int processors, Runnable... steps) {
    return new Priming(processors > 1).then(steps);
  }

  /** Runs {@code steps} after the steps given before, on a daemon thread; returns at once. */
  public Priming then(Runnable... steps) {
    if (thread != null) {
      List<Runnable> queued = List.of(steps);
      thread.execute(() -> run(queued));
    }
    return this;
  }

  /**
   * Builds the function's DynamoDB client ({@link AwsClients#dynamoDb}) on this thread, then primes
   * {@code calls} on the priming thread through an offline client set up as the function's.
   *
   * @return the function's client, which priming never calls
   */
  public DynamoDbClient dynamoDb(AwsSettings settings, PrimingCalls.DynamoDb... calls) {
    return dynamoDb(AwsClients.dynamoDb(settings), settings, calls);
  }

  /** Primes {@code calls} after the earlier steps; returns {@code client}, which it never calls. */
  DynamoDbClient dynamoDb(
      DynamoDbClient client, AwsSettings settings, PrimingCalls.DynamoDb... calls) {
    then(() -> {
      try (DynamoDbClient primer = AwsClients.offlineDynamoDb(settings, offline)) {
        for (PrimingCalls.DynamoDb call : calls) {
          call.make(primer);
        }
      }
    });
    return client;
  }

  /**
   * Builds the function's EventBridge client ({@link AwsClients#eventBridge}) on this thread, then
   * primes a {@code PutEvents} call of an {@code OrderPlaced} event through an offline client.
   *
   * @return the function's client, which priming never calls
   */
  public EventBridgeClient eventBridge(AwsSettings settings) {
    EventBridgeClient client = AwsClients.eventBridge(settings);
    then(() -> {
      try (EventBridgeClient primer = AwsClients.offlineEventBridge(settings, offline)) {
        PrimingCalls.putEvents(primer);
      }
    });
    return client;
  }

  /** Waits until every step ran; true when they did within {@code timeout}. */
  boolean await(Duration timeout) throws InterruptedException {
    if (thread == null) {
      return true;
    }
    try {
      thread.submit(() -> {}).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** What the failed steps threw. */
  List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /** Requests the offline clients answered. */
  int offlineRequests() {
    return offline.requests();
  }

  /** One thread that runs the steps in order and ends after a second with nothing to run. */
  private static ExecutorService oneDaemonThread() {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            1,
            1,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform().daemon().name("idem-priming").factory());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private void run(List<Runnable> steps) {
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (Throwable e) {
        // Priming is optional: not even a linkage error may reach the function.
        failures.add(e);
        debug(e);
      }
    }
  }

  /**
   * One DEBUG line, which Lambda's log-level filtering drops at the functions' INFO level; only the
   * exception's class, which needs no JSON escaping.
   */
  private static void debug(Throwable e) {
    System.out.println(
        "{\"timestamp\":\""
            + Instant.now()
            + "\",\"level\":\"DEBUG\",\"message\":\"priming step failed, skipped\",\"error\":\""
            + e.getClass().getName()
            + "\"}");
  }
}
