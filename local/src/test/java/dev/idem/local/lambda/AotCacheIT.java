package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-loading caches of instances ({@link AotCache}): the first instance trains and writes the
 * cache when it is stopped, the next ones map it; a killed trainer writes none; changed code trains
 * again; a class path with a folder starts plain, saying why.
 */
class AotCacheIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path cacheDir;
  @TempDir Path codeDir;

  private final List<String> console = new CopyOnWriteArrayList<>();

  private LambdaRuntime runtime(FunctionDefinition... functions) {
    return LambdaRuntime.start(
        List.of(functions),
        new LambdaRuntime.Options(null, Duration.ofSeconds(30), console::add)
            .withScaling(Scaling.unbounded())
            .withAotCache(cacheDir));
  }

  private FunctionDefinition echo(Path code) {
    FunctionDefinition base = FixtureJar.function("echo", "EchoHandler", 2, Duration.ofSeconds(5));
    return new FunctionDefinition(
        base.name(), base.handler(), code, 128, base.timeout(), Map.of(), 2);
  }

  @Test
  void invoke_firstInstanceTrains_retiredItWritesTheCacheAndTheNextInstanceMapsIt()
      throws Exception {
    Path jar = Files.copy(FixtureJar.path(), codeDir.resolve("echo.jar"));
    try (LambdaRuntime runtime = runtime(echo(jar))) {
      long trainer = pid(runtime.invoke("echo", "{}".getBytes(UTF_8)));
      assertThat(commandLine(trainer)).contains("-XX:AOTCacheOutput=");

      runtime.pool("echo").retireIdleInstances();
      await(() -> caches().size() == 1);
      long user = pid(runtime.invoke("echo", "{}".getBytes(UTF_8)));

      assertThat(commandLine(user)).contains("-XX:AOTCache=" + caches().getFirst());
      assertThat(console).anyMatch(line -> line.startsWith("aot cache of echo written: "));
    }
  }

  @Test
  void invoke_cacheOfAnEarlierRun_mappedByTheFirstInstance() throws Exception {
    Path jar = Files.copy(FixtureJar.path(), codeDir.resolve("echo.jar"));
    try (LambdaRuntime runtime = runtime(echo(jar))) {
      runtime.invoke("echo", "{}".getBytes(UTF_8));
    }
    await(() -> caches().size() == 1);

    try (LambdaRuntime again = runtime(echo(jar))) {
      long first = pid(again.invoke("echo", "{}".getBytes(UTF_8)));

      assertThat(commandLine(first)).contains("-XX:AOTCache=");
    }
  }

  @Test
  void invoke_cacheTheJvmCannotUse_plainStartThatAnswers() throws Exception {
    Path jar = Files.copy(FixtureJar.path(), codeDir.resolve("echo.jar"));
    try (LambdaRuntime runtime = runtime(echo(jar))) {
      runtime.invoke("echo", "{}".getBytes(UTF_8));
    }
    await(() -> caches().size() == 1);
    Files.write(caches().getFirst(), "not an AOT cache".getBytes(UTF_8));

    try (LambdaRuntime again = runtime(echo(jar))) {
      long first = pid(again.invoke("echo", "{}".getBytes(UTF_8)));

      assertThat(commandLine(first)).contains("-XX:AOTCache=");
    }
  }

  @Test
  void invoke_trainerKilledByItsTimeout_noCacheAndTheNextInstanceTrainsAgain() throws Exception {
    Path jar = Files.copy(FixtureJar.path(), codeDir.resolve("sleep.jar"));
    FunctionDefinition base =
        FixtureJar.function("sleep", "SleepHandler", 2, Duration.ofSeconds(1));
    FunctionDefinition sleep =
        new FunctionDefinition(base.name(), base.handler(), jar, 128, base.timeout(), Map.of(), 2);
    try (LambdaRuntime runtime = runtime(sleep)) {
      InvocationResult killed = runtime.invoke("sleep", "{\"sleepMs\":10000}".getBytes(UTF_8));
      assertThat(killed.status()).isEqualTo(InvocationResult.Status.FUNCTION_ERROR);

      long next = pid(runtime.invoke("sleep", "{}".getBytes(UTF_8)));

      assertThat(commandLine(next)).contains("-XX:AOTCacheOutput=");
      assertThat(caches()).isEmpty();
    }
  }

  @Test
  void invoke_codeChanged_trainsANewCacheThatReplacesTheOld() throws Exception {
    Path jar = Files.copy(FixtureJar.path(), codeDir.resolve("echo.jar"));
    try (LambdaRuntime runtime = runtime(echo(jar))) {
      runtime.invoke("echo", "{}".getBytes(UTF_8));
    }
    await(() -> caches().size() == 1);
    Path old = caches().getFirst();
    try (var zip = java.nio.file.FileSystems.newFileSystem(jar)) {
      Files.writeString(zip.getPath("changed.txt"), "a new build");
    }

    try (LambdaRuntime runtime = runtime(echo(jar))) {
      long trainer = pid(runtime.invoke("echo", "{}".getBytes(UTF_8)));
      assertThat(commandLine(trainer)).contains("-XX:AOTCacheOutput=");
    }

    await(() -> caches().size() == 1 && !caches().getFirst().equals(old));
  }

  @Test
  void invoke_codeFolder_packedIntoASnapshotJarAndCached() throws Exception {
    Path folder = Files.createDirectories(codeDir.resolve("classes"));
    try (var jar = java.nio.file.FileSystems.newFileSystem(FixtureJar.path())) {
      Path root = jar.getPath("/");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path target = folder.resolve(root.relativize(file).toString());
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
      }
    }
    try (LambdaRuntime runtime = runtime(echo(folder))) {
      long trainer = pid(runtime.invoke("echo", "{}".getBytes(UTF_8)));

      assertThat(commandLine(trainer))
          .contains("-XX:AOTCacheOutput=")
          .contains(cacheDir.resolve("code").toString())
          .doesNotContain(folder.toString());
    }
    await(() -> caches().size() == 1);
  }

  private List<Path> caches() {
    try (Stream<Path> files = Files.list(cacheDir)) {
      return files.filter(file -> file.toString().endsWith(".aot")).toList();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  private static long pid(InvocationResult result) throws Exception {
    assertThat(result.status()).as(result.logTail()).isEqualTo(InvocationResult.Status.OK);
    return JSON.readTree(result.payload()).path("pid").asLong();
  }

  private static String commandLine(long pid) {
    return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine()).orElse("");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    dev.idem.local.Await.until("condition", DEADLINE, condition);
  }
}
