package dev.idem.local.lambda;

import dev.idem.local.http.HttpEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * One execution environment: a JVM process running AWS's runtime interface client, the Runtime API
 * endpoint it polls, and its log. It serves one invocation at a time; a timeout, an exit or a
 * failed init ends it.
 */
final class Instance implements RunningInstance {

  /** One invocation's outcome and its log tail. */
  record Run(Outcome outcome, String logTail, String requestId, String lines) {}

  private static final int TAIL_BYTES = 4096;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
  private static final Duration CACHE_WRITE_WAIT = Duration.ofSeconds(60);

  private final FunctionDefinition function;
  private final int number;
  private final InstanceLog log;
  private final HttpEndpoint runtimeApi;
  private final Process process;
  private final boolean training;
  private final long startNanos;
  private final BlockingQueue<Invocation> mailbox = new LinkedBlockingQueue<>();
  private final AtomicReference<Invocation> current = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger calls = new AtomicInteger();
  private final InstanceLauncher launcher;
  private final String accessKey;
  private final String label;
  private final java.util.concurrent.CountDownLatch initEnded =
      new java.util.concurrent.CountDownLatch(1);
  private volatile long firstNextNanos;
  private volatile long idleSinceNanos;
  private volatile Outcome initFailure;
  private long logEnd;
  private int served;

  private Instance(FunctionDefinition function, int number, InstanceLauncher launcher)
      throws IOException {
    this.function = function;
    this.number = number;
    this.launcher = launcher;
    this.label = function.name() + "#" + number;
    this.log = new InstanceLog(launcher.logFile(label), "[" + label + "] ", launcher.console());
    this.runtimeApi = HttpEndpoint.start("Runtime API of " + label, 0, new RuntimeApi(this));
    this.startNanos = System.nanoTime();
    this.accessKey = launcher.register(this);
    try {
      InstanceLauncher.Launch launch =
          launcher.start(function, runtimeApi.port(), log.file(), accessKey);
      this.process = launch.process();
      this.training = launch.training();
    } catch (IOException | RuntimeException e) {
      launcher.unregister(accessKey);
      runtimeApi.close();
      log.close();
      throw e;
    }
    process.onExit().thenRun(this::exited);
  }

  /**
   * Starts the instance's process; it initialises on its own and takes its first invocation from
   * {@code /next}.
   */
  static Instance start(FunctionDefinition function, int number, InstanceLauncher launcher)
      throws IOException {
    return new Instance(function, number, launcher);
  }

  /**
   * Runs one invocation to its outcome: a response, an error, the timeout or the process's end.
   *
   * @param logBytes how many of the invocation's own log bytes {@link Run#lines} keeps (the last
   *     ones); 0 reads none
   */
  Run invoke(byte[] payload, Duration initTimeout, int logBytes) throws InterruptedException {
    Invocation invocation = new Invocation(payload, function.timeout());
    calls.set(0);
    current.set(invocation);
    mailbox.add(invocation);
    if (!process.isAlive()) {
      exited();
    }
    try {
      Outcome outcome = await(invocation, initTimeout);
      String lines = logBytes == 0 ? "" : lines(invocation, logBytes);
      return new Run(outcome, tail(invocation, outcome), invocation.requestId, lines);
    } finally {
      mailbox.remove(invocation);
      current.compareAndSet(invocation, null);
      served++;
    }
  }

  /** Notes the moment the instance went back to the idle list. */
  void markIdle() {
    idleSinceNanos = System.nanoTime();
  }

  /** When the instance last went idle ({@link System#nanoTime()}). */
  long idleSince() {
    return idleSinceNanos;
  }

  boolean usable() {
    return initFailure == null && process.isAlive();
  }

  int number() {
    return number;
  }

  long pid() {
    return process.pid();
  }

  /** Process start to the first {@code /next} (the init phase), or null before it. */
  Duration initDuration() {
    long first = firstNextNanos;
    return first == 0 ? null : Duration.ofNanos(first - startNanos);
  }

  Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Kills the process and its descendants, waits for them, and releases the endpoint and log. */
  void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    if (training && process.isAlive()) {
      stopToWriteCache();
    }
    killProcess();
    launcher.unregister(accessKey);
    runtimeApi.close();
    log.close();
  }

  // RunningInstance, for the edge.

  @Override
  public String functionName() {
    return function.name();
  }

  @Override
  public String requestId() {
    Invocation invocation = current.get();
    return invocation == null ? null : invocation.requestId;
  }

  @Override
  public int countCall() {
    return current.get() == null ? 0 : calls.incrementAndGet();
  }

  @Override
  public void kill() {
    killProcess(); // the process's exit finishes the running invocation (exited())
  }

  @Override
  public boolean awaitInvocationEnd(Duration max) throws InterruptedException {
    Invocation invocation = current.get();
    return invocation == null || invocation.awaitEnd(max);
  }

  // Runtime API callbacks, on the endpoint's threads.

  /** The next invocation for the runtime client; null when a fault killed the instance. */
  Invocation next() throws InterruptedException {
    if (firstNextNanos == 0 && refuseNewerClasses()) {
      return null;
    }
    if (firstNextNanos == 0) {
      Duration delay = launcher.faults().initDelay(function.name(), label);
      if (delay.isPositive()) {
        Thread.sleep(delay);
      }
      firstNextNanos = System.nanoTime();
      initEnded.countDown();
    }
    Invocation invocation = mailbox.take();
    invocation.handOver(log.size());
    if (launcher.faults().killBeforeHandler(function.name(), invocation.requestId)) {
      kill();
      return null;
    }
    return invocation;
  }

  /**
   * On a JDK newer than the function's runtime, a handler compiled for a newer Java than the
   * runtime fails the init as the runtime's own JVM fails it: with the {@link
   * UnsupportedClassVersionError} Lambda reports, in the words of the runtime interface client. The
   * process is killed before it takes an invocation (it has loaded the class on the newer JDK).
   */
  private boolean refuseNewerClasses() {
    Optional<String> error = launcher.classVersionError(function);
    error.ifPresent(message -> {
      String type = UnsupportedClassVersionError.class.getName();
      String text = "Error loading class " + handlerClass() + ": " + message;
      String body =
          JSON.createObjectNode().put("errorMessage", text).put("errorType", type).toString();
      log.append(text + ": " + type + "\n");
      initFailed(type, body.getBytes(StandardCharsets.UTF_8));
      kill();
    });
    return error.isPresent();
  }

  private String handlerClass() {
    String handler = function.handler();
    return handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
  }

  boolean respond(String requestId, byte[] body) {
    Invocation invocation = current.get();
    if (invocation == null || !invocation.requestId.equals(requestId)) {
      return false;
    }
    return switch (launcher.faults().onResponse(function.name(), requestId)) {
      case KILL -> {
        kill();
        yield true;
      }
      case HANG -> true; // dropped: the invocation runs into its timeout
      case NONE -> finish(requestId, Outcome.response(body));
    };
  }

  boolean fail(String requestId, String errorType, byte[] body) {
    return finish(requestId, Outcome.error(errorType, body));
  }

  void initFailed(String errorType, byte[] body) {
    Outcome failure = Outcome.initError(errorType, body);
    initFailure = failure;
    initEnded.countDown();
    Invocation invocation = current.get();
    if (invocation != null) {
      invocation.finish(failure);
    }
  }

  String functionArn() {
    return function.arn();
  }

  private boolean finish(String requestId, Outcome outcome) {
    Invocation invocation = current.get();
    if (invocation == null || !invocation.requestId.equals(requestId)) {
      return false;
    }
    invocation.finish(outcome);
    return true;
  }

  private Outcome await(Invocation invocation, Duration initTimeout) throws InterruptedException {
    if (!invocation.awaitHandOver(initTimeout)
        && invocation.finish(Outcome.initTimeout(initTimeout))) {
      killProcess();
    }
    if (invocation.awaitOutcome() == null
        && invocation.finish(Outcome.timeout(function.timeout()))) {
      killProcess();
    }
    Outcome outcome = invocation.outcome();
    if (!outcome.keepsInstance()) {
      killProcess();
    }
    log.pump();
    return outcome;
  }

  /**
   * Waits for the init phase to end: true once the runtime client polls for its first invocation,
   * false when the init failed, the process ended or {@code max} passed.
   */
  boolean awaitInit(Duration max) throws InterruptedException {
    initEnded.await(max.toNanos(), TimeUnit.NANOSECONDS);
    return firstNextNanos != 0 && usable();
  }

  private void exited() {
    initEnded.countDown();
    Invocation invocation = current.get();
    if (invocation != null) {
      Outcome failure = initFailure;
      invocation.finish(
          failure != null ? failure : Outcome.exit(invocation.requestId, process.exitValue()));
    }
  }

  /**
   * Stops a training instance with SIGTERM, so that its JVM writes the class-loading cache at exit
   * (and, on JDK 25, starts the child JVM that assembles it), and waits for that within {@link
   * #CACHE_WRITE_WAIT}; whatever is left is then killed.
   */
  private void stopToWriteCache() {
    process.destroy();
    try {
      process.onExit().get(CACHE_WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // killed below; the cache is not written and a later instance trains again
    }
  }

  private void killProcess() {
    ProcessHandle root = process.toHandle();
    List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // SIGKILL cannot be refused; a process still listed is a zombie its parent reaps.
      }
    }
  }

  /**
   * The lines written since the instance took the invocation, at most the last {@code max} bytes.
   */
  private String lines(Invocation invocation, int max) {
    long handOver = invocation.logPosition();
    return handOver < 0 ? "" : log.text(handOver, log.size(), max);
  }

  private String tail(Invocation invocation, Outcome outcome) {
    long end = log.size();
    long handOver = invocation.logPosition();
    StringBuilder text = new StringBuilder();
    if (handOver < 0) {
      text.append(log.text(logEnd, end, TAIL_BYTES));
    } else {
      text.append(log.text(logEnd, handOver, TAIL_BYTES));
      text.append("START RequestId: ").append(invocation.requestId).append(" Version: $LATEST\n");
      appendLine(text, log.text(handOver, end, TAIL_BYTES));
      text.append("END RequestId: ").append(invocation.requestId).append('\n');
      text.append(report(invocation, outcome));
    }
    logEnd = end;
    return lastBytes(text.toString());
  }

  private String report(Invocation invocation, Outcome outcome) {
    double millis = (System.nanoTime() - invocation.handedOverNanos()) / 1_000_000.0;
    StringBuilder line = new StringBuilder("REPORT RequestId: ").append(invocation.requestId);
    line.append(String.format(Locale.ROOT, "\tDuration: %.2f ms", millis));
    line.append("\tBilled Duration: ").append((long) Math.ceil(millis)).append(" ms");
    line.append("\tMemory Size: ").append(function.memoryMb()).append(" MB");
    Duration init = initDuration();
    if (served == 0 && init != null) {
      line.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", init.toNanos() / 1e6));
    }
    if (!outcome.keepsInstance()) {
      String status = outcome.kind() == Outcome.Kind.TIMEOUT ? "timeout" : "error";
      line.append("\tStatus: ").append(status).append("\tError Type: ").append(outcome.errorType());
    }
    return line.append('\n').toString();
  }

  private static void appendLine(StringBuilder text, String lines) {
    text.append(lines);
    if (!lines.isEmpty() && !lines.endsWith("\n")) {
      text.append('\n');
    }
  }

  private static String lastBytes(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= TAIL_BYTES) {
      return text;
    }
    int first = bytes.length - TAIL_BYTES;
    while (first < bytes.length && (bytes[first] & 0xC0) == 0x80) {
      first++;
    }
    return new String(bytes, first, bytes.length - first, StandardCharsets.UTF_8);
  }
}
