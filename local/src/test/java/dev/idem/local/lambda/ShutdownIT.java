package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.lambda.InvocationResult.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the runtime, or stopping its JVM, leaves no instance process behind. */
class ShutdownIT {

  @Test
  void close_withBusyAndIdleInstances_killsEveryProcessAndWaitsForThem() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    LambdaRuntime runtime =
        LambdaRuntime.start(
            List.of(
                FixtureJar.function("sleep", "SleepHandler", 1, Duration.ofSeconds(60)),
                FixtureJar.function("echo", "EchoHandler", 1, Duration.ofSeconds(5))),
            new LambdaRuntime.Options(
                null,
                Duration.ofSeconds(30),
                line -> {
                  if (line.contains("sleeping pid=")) {
                    busy.countDown();
                  }
                }));
    assertThat(runtime.invoke("echo", utf8("{}")).status()).isEqualTo(Status.OK);
    CompletableFuture<InvocationResult> sleeping =
        CompletableFuture.supplyAsync(() -> runtime.invoke("sleep", utf8("{\"sleepMs\":60000}")));
    assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
    List<Long> pids = runtime.processIds();

    runtime.close();

    assertThat(pids).hasSize(2).allSatisfy(pid -> assertThat(isAlive(pid)).isFalse());
    InvocationResult interrupted = sleeping.get(10, TimeUnit.SECONDS);
    assertThat(interrupted.status()).isEqualTo(Status.FUNCTION_ERROR);
    assertThat(interrupted.errorType()).isEqualTo("Runtime.ExitError");
    assertThatThrownBy(() -> runtime.invoke("echo", utf8("{}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down");
  }

  @Test
  void shutdownHook_ownerJvmTerminated_killsItsInstances() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process host =
        new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                RuntimeHostMain.class.getName())
            .redirectErrorStream(true)
            .start();
    try {
      long instancePid = instancePid(host).get(60, TimeUnit.SECONDS);
      assertThat(isAlive(instancePid)).isTrue();

      host.destroy(); // SIGTERM, as Ctrl-C's SIGINT: both run the shutdown hooks

      assertThat(host.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
      assertThat(isAlive(instancePid)).isFalse();
    } finally {
      host.destroyForcibly();
    }
  }

  private static CompletableFuture<Long> instancePid(Process host) {
    CompletableFuture<Long> pid = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          try (BufferedReader lines =
              new BufferedReader(new InputStreamReader(host.getInputStream(), UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
              if (line.startsWith("instance-pid ")) {
                pid.complete(Long.parseLong(line.substring("instance-pid ".length())));
              }
            }
            pid.completeExceptionally(new IllegalStateException("host ended without a pid"));
          } catch (Exception e) {
            pid.completeExceptionally(e);
          }
        });
    return pid;
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }
}
