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
import java.util.function.BooleanSupplier;
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
   * @param scaling how many instances start at once and live together, and how many of each
   *     function start warm
   * @param aotCache the folder of the instances' class-loading caches ({@link #defaultAotCache()}),
   *     or null for plain starts
   * @param proxy the proxy through which instances reach AWS hosts (for SDKs that ignore {@code
   *     AWS_ENDPOINT_URL}), or null for none
   */
  public record Options(
      URI endpointUrl,
      Duration initTimeout,
      Consumer<String> console,
      InstanceFaults faults,
      Scaling scaling,
      Path aotCache,
      InstanceProxy proxy) {

    /** Checks the components. */
    public Options {
      Objects.requireNonNull(initTimeout, "initTimeout");
      Objects.requireNonNull(console, "console");
      Objects.requireNonNull(faults, "faults");
      Objects.requireNonNull(scaling, "scaling");
      if (!initTimeout.isPositive()) {
        throw new IllegalArgumentException("initTimeout must be positive: " + initTimeout);
      }
    }

    /** Options without a proxy. */
    public Options(
        URI endpointUrl,
        Duration initTimeout,
        Consumer<String> console,
        InstanceFaults faults,
        Scaling scaling,
        Path aotCache) {
      this(endpointUrl, initTimeout, console, faults, scaling, aotCache, null);
    }

    /** Options without class-loading caches or a proxy. */
    public Options(
        URI endpointUrl,
        Duration initTimeout,
        Consumer<String> console,
        InstanceFaults faults,
        Scaling scaling) {
      this(endpointUrl, initTimeout, console, faults, scaling, null);
    }

    /** Options paced for this machine ({@link Scaling#forThisMachine()}), without caches. */
    public Options(
        URI endpointUrl, Duration initTimeout, Consumer<String> console, InstanceFaults faults) {
      this(endpointUrl, initTimeout, console, faults, Scaling.forThisMachine());
    }

    /**
     * The default folder of class-loading caches: {@code $XDG_CACHE_HOME/idem/aot}, else {@code
     * ~/.cache/idem/aot}.
     */
    public static Path defaultAotCache() {
      return AotCache.defaultDir();
    }

    /** The same options with class-loading caches in {@code dir} (null: none). */
    public Options withAotCache(Path dir) {
      return new Options(endpointUrl, initTimeout, console, faults, scaling, dir, proxy);
    }

    /** The same options with instances reaching AWS hosts through {@code value} (null: none). */
    public Options withProxy(InstanceProxy value) {
      return new Options(endpointUrl, initTimeout, console, faults, scaling, aotCache, value);
    }

    /** Options without faults, paced for this machine. */
    public Options(URI endpointUrl, Duration initTimeout, Consumer<String> console) {
      this(endpointUrl, initTimeout, console, InstanceFaults.NONE);
    }

    /** The same options with that scaling. */
    public Options withScaling(Scaling value) {
      return new Options(endpointUrl, initTimeout, console, faults, value, aotCache, proxy);
    }

    /** No endpoint, a 10 second init timeout, instance output to {@code System.out}. */
    public static Options defaults() {
      return new Options(null, Duration.ofSeconds(10), System.out::println);
    }
  }

  private final Map<String, FunctionPool> pools;
  private final Capacity capacity;
  private final InstanceLauncher launcher;
  private final Path workDir;
  private final Thread shutdownHook;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final List<CodeWatcher> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

  private LambdaRuntime(
      Map<String, FunctionPool> pools, Capacity capacity, InstanceLauncher launcher, Path workDir) {
    this.pools = pools;
    this.capacity = capacity;
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
            workDir,
            options.endpointUrl(),
            options.console(),
            options.faults(),
            jdks(functions, Jdks.discover()),
            options.aotCache(),
            options.proxy());
    Map<String, FunctionPool> pools = new LinkedHashMap<>();
    Capacity capacity = new Capacity(options.scaling());
    Reclaimer reclaimer = new Reclaimer(pools);
    for (FunctionDefinition function : functions) {
      FunctionPool pool =
          new FunctionPool(function, launcher, options.initTimeout(), capacity, reclaimer);
      if (pools.putIfAbsent(function.name(), pool) != null) {
        throw new IllegalArgumentException("Two functions are named " + function.name());
      }
    }
    LambdaRuntime runtime = new LambdaRuntime(pools, capacity, launcher, workDir);
    Runtime.getRuntime().addShutdownHook(runtime.shutdownHook);
    return runtime;
  }

  /**
   * The JDK of each runtime the functions use: one of the runtime's version where installed, else
   * the nearest newer one.
   *
   * @throws IllegalStateException when every JDK here is older than a function's runtime
   */
  static Map<String, RuntimeJdk> jdks(Collection<FunctionDefinition> functions, Jdks installed) {
    Map<String, RuntimeJdk> chosen = new java.util.TreeMap<>();
    for (FunctionDefinition function : functions) {
      LambdaJava runtime = function.lambdaJava();
      if (!chosen.containsKey(runtime.name())) {
        RuntimeJdk jdk =
            installed
                .forRuntime(runtime)
                .orElseThrow(() ->
                    new IllegalStateException(
                        runtime.name()
                            + " functions ("
                            + function.name()
                            + ") need a JDK "
                            + runtime.feature()
                            + " or newer; found "
                            + installed.installed().stream()
                                .map(found -> "JDK " + found.feature() + " (" + found.home() + ")")
                                .collect(Collectors.joining(", "))));
        chosen.put(runtime.name(), jdk);
      }
    }
    return chosen;
  }

  /** The JDK each runtime of the functions runs on, by runtime name. */
  public List<RuntimeJdk> runtimes() {
    return launcher.runtimes();
  }

  @Override
  public InvocationResult invoke(String functionName, byte[] payload) {
    return invoke(functionName, payload, InvocationSource.DIRECT_CALL);
  }

  @Override
  public InvocationResult invoke(String functionName, byte[] payload, InvocationSource source) {
    return pool(functionName).invoke(payload, source);
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
   * FunctionDefinition#provisionedConcurrency()}, or {@link Scaling#warm()} where that is more, up
   * to the function's limit and the cloud's ceiling) at once, in the background, without pacing:
   * nothing else competes for the cores before the cloud is ready. The future completes when each
   * has finished its init (or failed it), with the instances ready by function name.
   */
  public CompletableFuture<Map<String, Integer>> provision() {
    Map<String, CompletableFuture<Integer>> started = new LinkedHashMap<>();
    for (FunctionPool pool : pools.values()) {
      int wanted = Math.max(pool.function().provisionedConcurrency(), capacity.scaling().warm());
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

  /**
   * Starts hot reload: every function whose code (jar or folder) changes on disk moves to the new
   * code ({@link FunctionPool#reload()}), checked every {@code interval}. Stops with the runtime,
   * or when the returned handle is closed.
   */
  public AutoCloseable watchCode(Duration interval) {
    CodeWatcher watcher =
        CodeWatcher.start(List.copyOf(pools.values()), interval, launcher.console());
    watchers.add(watcher);
    return watcher;
  }

  /** The pacing and the ceiling in force. */
  public Scaling scaling() {
    return capacity.scaling();
  }

  /** The most instances that were starting at once, paced starts only. */
  public int peakStarting() {
    return capacity.peakStarting();
  }

  /**
   * Makes room at the cloud's ceiling by retiring the least recently used idle instance of any
   * function.
   */
  private record Reclaimer(Map<String, FunctionPool> pools) implements BooleanSupplier {

    @Override
    public boolean getAsBoolean() {
      while (true) {
        Optional<FunctionPool> oldest =
            pools.values().stream()
                .filter(pool -> pool.oldestIdleSince().isPresent())
                .min(Comparator.comparingLong(pool -> pool.oldestIdleSince().orElse(0)));
        if (oldest.isEmpty()) {
          return false;
        }
        if (oldest.get().retireOldestIdle()) {
          return true;
        }
      }
    }
  }

  /**
   * Tells {@code listener} of every invocation of every function from now on, on the invoking
   * thread once the result is known (the console's list of recent invocations); it must be quick
   * and must not throw.
   */
  public void onInvocation(InvocationListener listener) {
    pools.values().forEach(pool -> pool.listen(listener));
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
    watchers.forEach(CodeWatcher::close);
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
  public List<Long> processIds() {
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
