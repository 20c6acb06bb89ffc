package dev.idem.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Functions run as Lambda runs them: per function a {@link FunctionPool} of instances, each its own
 * JVM process running AWS's runtime interface client against a Runtime API served on loopback.
 * Instances start on demand (nothing starts with the runtime) and live until {@link #close()}, a
 * timeout, a crash, or {@link FunctionPool#retireIdleInstances()}.
 *
 * <p>A JVM shutdown hook closes the runtime, so Ctrl-C leaves no instance process behind.
 *
 * {@snippet :
 * try (LambdaRuntime lambda =
 *     LambdaRuntime.start(List.of(placeOrder), LambdaRuntime.Options.defaults())) {
 *   InvocationResult result = lambda.invoke("PlaceOrder", "{}".getBytes(UTF_8));
 *   System.out.println(lambda.statsReport());
 * }
 * }
 */
public final class LambdaRuntime implements Invoker, AutoCloseable {

  /**
   * How instances are started.
   *
   * @param endpointUrl given to every instance as {@code AWS_ENDPOINT_URL} (the local cloud's edge,
   *     or another backend); null sets none
   * @param initTimeout how long an instance may take from its start (or its previous invocation) to
   *     polling for the next invocation before it is killed; Lambda's is 10 seconds
   * @param console receives every line an instance writes, prefixed {@code [<FunctionName>#<n>] }
   * @param faults the faults to inject into instances ({@link InstanceFaults#NONE} for none)
   * @param proxy the proxy through which instances reach AWS hosts (for SDKs that ignore {@code
   *     AWS_ENDPOINT_URL}), or null for none
   */
  public record Options(
      URI endpointUrl,
      Duration initTimeout,
      Consumer<String> console,
      InstanceFaults faults,
      InstanceProxy proxy) {

    /** Checks the components. */
    public Options {
      Objects.requireNonNull(initTimeout, "initTimeout");
      Objects.requireNonNull(console, "console");
      Objects.requireNonNull(faults, "faults");
      if (!initTimeout.isPositive()) {
        throw new IllegalArgumentException("initTimeout must be positive: " + initTimeout);
      }
    }

    /** Options without a proxy. */
    public Options(
        URI endpointUrl, Duration initTimeout, Consumer<String> console, InstanceFaults faults) {
      this(endpointUrl, initTimeout, console, faults, null);
    }

    /** Options without faults. */
    public Options(URI endpointUrl, Duration initTimeout, Consumer<String> console) {
      this(endpointUrl, initTimeout, console, InstanceFaults.NONE);
    }

    /** No endpoint, a 10 second init timeout, instance output to {@code System.out}. */
    public static Options defaults() {
      return new Options(null, Duration.ofSeconds(10), System.out::println);
    }
  }

  private final Map<String, FunctionPool> pools;
  private final InstanceLauncher launcher;
  private final Path workDir;
  private final Thread shutdownHook;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private LambdaRuntime(Map<String, FunctionPool> pools, InstanceLauncher launcher, Path workDir) {
    this.pools = pools;
    this.launcher = launcher;
    this.workDir = workDir;
    this.shutdownHook = new Thread(this::close, "idem-lambda-shutdown");
  }

  /**
   * Prepares the functions' pools (no process starts yet) and registers the shutdown hook.
   *
   * @throws IllegalArgumentException when two functions share a name
   * @throws IllegalStateException when the runtime interface client is not on the class path
   * @throws UncheckedIOException when the work folder cannot be created
   */
  public static LambdaRuntime start(Collection<FunctionDefinition> functions, Options options) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("idem-lambda-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a work folder for function instances", e);
    }
    InstanceLauncher launcher =
        new InstanceLauncher(
            workDir, options.endpointUrl(), options.console(), options.faults(), options.proxy());
    Map<String, FunctionPool> pools = new LinkedHashMap<>();
    for (FunctionDefinition function : functions) {
      FunctionPool pool = new FunctionPool(function, launcher, options.initTimeout());
      if (pools.putIfAbsent(function.name(), pool) != null) {
        throw new IllegalArgumentException("Two functions are named " + function.name());
      }
    }
    LambdaRuntime runtime = new LambdaRuntime(pools, launcher, workDir);
    Runtime.getRuntime().addShutdownHook(runtime.shutdownHook);
    return runtime;
  }

  @Override
  public InvocationResult invoke(String functionName, byte[] payload) {
    return pool(functionName).invoke(payload);
  }

  /**
   * The pool of one function.
   *
   * @throws IllegalArgumentException when no function has that name
   */
  public FunctionPool pool(String functionName) {
    FunctionPool pool = pools.get(functionName);
    if (pool == null) {
      throw new IllegalArgumentException(
          "Function not found: " + functionName + " (functions: " + pools.keySet() + ")");
    }
    return pool;
  }

  /**
   * The live instance that signs its AWS calls with this access key id (each instance has its own),
   * if there is one.
   */
  public Optional<RunningInstance> instance(String accessKeyId) {
    return launcher.instance(accessKeyId);
  }

  /** The function of that name, if there is one. */
  public Optional<FunctionDefinition> function(String functionName) {
    return Optional.ofNullable(pools.get(functionName)).map(FunctionPool::function);
  }

  /** Every function, in the order given at start. */
  public List<FunctionDefinition> functions() {
    return pools.values().stream().map(FunctionPool::function).toList();
  }

  /**
   * Starts every function's provisioned instances ({@link
   * FunctionDefinition#provisionedConcurrency()}) at once, in the background; the future completes
   * when each has finished its init (or failed it), with the instances ready by function name.
   */
  public CompletableFuture<Map<String, Integer>> provision() {
    Map<String, CompletableFuture<Integer>> started = new LinkedHashMap<>();
    for (FunctionPool pool : pools.values()) {
      int wanted = pool.function().provisionedConcurrency();
      if (wanted > 0) {
        started.put(
            pool.function().name(),
            CompletableFuture.supplyAsync(
                () -> pool.provision(wanted), command -> Thread.ofVirtual().start(command)));
      }
    }
    return CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new))
        .thenApply(done -> {
          Map<String, Integer> ready = new LinkedHashMap<>();
          started.forEach((name, future) -> ready.put(name, future.join()));
          return ready;
        });
  }

  /** Every function's counts and cold starts, in the order given at start. */
  public List<FunctionStats> stats() {
    return pools.values().stream().map(FunctionPool::stats).toList();
  }

  /** One {@link FunctionStats#summary()} line per function, by name. */
  public String statsReport() {
    return stats().stream()
        .sorted(Comparator.comparing(FunctionStats::name))
        .map(FunctionStats::summary)
        .collect(Collectors.joining(System.lineSeparator()));
  }

  /**
   * Kills every instance process with its descendants, waits for them to end, and removes the work
   * folder. Idempotent; later invocations throw {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (closing.getAndSet(true)) {
      closed.join(); // a second caller (say, the shutdown hook) returns once it is really done
      return;
    }
    List<Thread> closers =
        pools.values().stream().map(pool -> Thread.ofVirtual().start(pool::close)).toList();
    closers.forEach(LambdaRuntime::join);
    deleteWorkDir();
    closed.complete(null);
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook finds the runtime closed.
      }
    }
  }

  /** The process ids of all live instances. */
  List<Long> processIds() {
    return pools.values().stream().flatMap(pool -> pool.processIds().stream()).toList();
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deleteWorkDir() {
    try (Stream<Path> paths = Files.walk(workDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Left in the temp folder; nothing depends on it any more.
    }
  }
}
