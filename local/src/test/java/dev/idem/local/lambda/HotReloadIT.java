package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload ({@link CodeWatcher}, {@link FunctionPool#reload()}): a function's jar replaced on
 * disk, new invocations get the new code, invocations in flight finish on the old, nothing fails.
 * The handler is compiled by the test in two versions that answer with their version number.
 */
class HotReloadIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String HANDLER = "hot.VersionHandler";

  @TempDir Path dir;

  private final List<String> console = new CopyOnWriteArrayList<>();
  private Path jar;

  @BeforeEach
  void firstVersion() throws Exception {
    jar = dir.resolve("function.jar");
    Files.copy(versionJar(1), jar);
  }

  private LambdaRuntime runtime() {
    FunctionDefinition function =
        new FunctionDefinition(
            "hot",
            HANDLER,
            "java21",
            dev.idem.local.code.FunctionCode.jar(jar),
            256,
            Duration.ofSeconds(20),
            Map.of(),
            3,
            Set.of(),
            0);
    LambdaRuntime runtime =
        LambdaRuntime.start(
            List.of(function),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), console::add)
                .withScaling(Scaling.unbounded())
                .withAotCache(dir.resolve("aot")));
    runtime.watchCode(Duration.ofMillis(100));
    return runtime;
  }

  @Test
  void invoke_jarReplaced_nextInvocationRunsTheNewCode() throws Exception {
    try (LambdaRuntime runtime = runtime()) {
      assertThat(version(runtime.invoke("hot", "{}".getBytes(UTF_8)))).isEqualTo(1);

      replaceWith(2);
      await(() -> console.stream().anyMatch(line -> line.startsWith("reloaded hot in ")));

      assertThat(version(runtime.invoke("hot", "{}".getBytes(UTF_8)))).isEqualTo(2);
      assertThat(console)
          .filteredOn(line -> line.startsWith("reloaded hot in "))
          .singleElement()
          .asString()
          .endsWith("(1 new instance ready)");
    }
  }

  @Test
  void invoke_reloadWhileAnInvocationRuns_itFinishesOnTheOldCodeAndItsInstanceStops()
      throws Exception {
    try (LambdaRuntime runtime = runtime();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        ServerSocket holds = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String held = "{\"holdPort\":" + holds.getLocalPort() + "}";
      Future<InvocationResult> inFlight =
          callers.submit(() -> runtime.invoke("hot", held.getBytes(UTF_8)));
      holds.setSoTimeout(Math.toIntExact(DEADLINE.toMillis()));
      Socket hold = holds.accept(); // the invocation is running, on the old code

      replaceWith(2);
      await(() -> console.stream().anyMatch(line -> line.startsWith("reloaded hot in ")));
      InvocationResult during = runtime.invoke("hot", "{}".getBytes(UTF_8));
      hold.close();
      InvocationResult old = inFlight.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

      assertThat(version(old)).isEqualTo(1);
      assertThat(version(during)).isEqualTo(2);
      long oldPid = JSON.readTree(old.payload()).path("pid").asLong();
      await(() -> ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive).isEmpty());
      assertThat(version(runtime.invoke("hot", "{}".getBytes(UTF_8)))).isEqualTo(2);
    }
  }

  @Test
  void invoke_trafficFlowingThroughTwoReloads_nothingFailsAndTheLastCodeServes() throws Exception {
    try (LambdaRuntime runtime = runtime();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      AtomicBoolean flowing = new AtomicBoolean(true);
      Map<Integer, Integer> seen = new ConcurrentHashMap<>();
      List<InvocationResult> failed = new CopyOnWriteArrayList<>();
      List<Future<?>> clients = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        clients.add(
            callers.submit(() -> {
              while (flowing.get()) {
                InvocationResult result = runtime.invoke("hot", "{}".getBytes(UTF_8));
                if (result.status() != InvocationResult.Status.OK) {
                  failed.add(result);
                } else {
                  seen.merge(version(result), 1, Integer::sum);
                }
              }
              return null;
            }));
      }
      await(() -> seen.containsKey(1));
      replaceWith(2);
      await(() -> seen.containsKey(2));
      replaceWith(3);
      await(() -> seen.containsKey(3));
      flowing.set(false);
      for (Future<?> client : clients) {
        client.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      }

      assertThat(failed).isEmpty();
      assertThat(version(runtime.invoke("hot", "{}".getBytes(UTF_8)))).isEqualTo(3);
      await(
          () -> console.stream().filter(line -> line.startsWith("reloaded hot in ")).count() == 2);
    }
  }

  private void replaceWith(int version) throws Exception {
    Path next = versionJar(version);
    Path partial = dir.resolve("function.jar.part");
    Files.copy(next, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(partial, FileTime.from(Instant.now().plusSeconds(version)));
    Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A jar of {@code hot.VersionHandler} answering {@code {"version": N, "pid": ...}}. */
  private Path versionJar(int version) throws Exception {
    Path src = Files.createDirectories(dir.resolve("v" + version + "/src/hot"));
    Path classes = Files.createDirectories(dir.resolve("v" + version + "/classes"));
    Path source = src.resolve("VersionHandler.java");
    Files.writeString(
        source,
        """
        package hot;

        import com.amazonaws.services.lambda.runtime.Context;
        import com.amazonaws.services.lambda.runtime.RequestHandler;
        import java.io.IOException;
        import java.io.UncheckedIOException;
        import java.net.Socket;
        import java.util.Map;

        public class VersionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
          @Override
          public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            if (input.get("holdPort") instanceof Number port) {
              // Held until the test closes the connection (or 60 s pass): in flight on purpose.
              try (Socket hold = new Socket("127.0.0.1", port.intValue())) {
                hold.setSoTimeout(60_000);
                hold.getInputStream().read();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            return Map.of("version", %d, "pid", ProcessHandle.current().pid());
          }
        }
        """
            .formatted(version));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String core =
        Path.of(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    int status =
        javac.run(
            null,
            null,
            null,
            "--release",
            "21",
            "-cp",
            core,
            "-d",
            classes.toString(),
            source.toString());
    assertThat(status).as("javac").isZero();
    Path out = dir.resolve("v" + version + ".jar");
    try (OutputStream file = Files.newOutputStream(out);
        JarOutputStream jarOut = new JarOutputStream(file)) {
      jarOut.putNextEntry(new JarEntry("hot/VersionHandler.class"));
      Files.copy(classes.resolve("hot/VersionHandler.class"), jarOut);
      jarOut.closeEntry();
    }
    return out;
  }

  private static int version(InvocationResult result) throws Exception {
    assertThat(result.status()).as(result.logTail()).isEqualTo(InvocationResult.Status.OK);
    return JSON.readTree(result.payload()).path("version").asInt();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    dev.idem.local.Await.until("condition", DEADLINE, condition);
  }
}
