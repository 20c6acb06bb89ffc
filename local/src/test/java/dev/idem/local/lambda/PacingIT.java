package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Scale-out paced by the cloud's start slots, the cloud's instance ceiling, and warm instances
 * ({@link Scaling}).
 */
class PacingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  /** Holds every instance's init until released: a start that takes as long as the test wants. */
  private static final class HeldInit implements InstanceFaults {
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Duration initDelay(String functionName, String instanceLabel) {
      try {
        release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Duration.ZERO;
    }
  }

  @Test
  void invoke_burstWithOneStartSlot_theOthersWaitAndAllAreServed() throws Exception {
    HeldInit held = new HeldInit();
    try (LambdaRuntime runtime =
            LambdaRuntime.start(
                List.of(FixtureJar.function("sleep", "SleepHandler", 3, Duration.ofSeconds(20))),
                new LambdaRuntime.Options(
                    null, Duration.ofSeconds(30), line -> {}, held, new Scaling(1, 100, 0, 0)));
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<InvocationResult>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(callers.submit(() -> runtime.invoke("sleep", "{}".getBytes(UTF_8))));
      }

      await(() -> runtime.pool("sleep").stats().waits() == 2);
      assertThat(runtime.pool("sleep").stats().instancesStarted()).isEqualTo(1);
      held.release.countDown();

      for (Future<InvocationResult> call : calls) {
        assertThat(call.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).status())
            .isEqualTo(InvocationResult.Status.OK);
      }
      assertThat(runtime.peakStarting()).isEqualTo(1);
      assertThat(runtime.pool("sleep").stats().throttles()).isZero();
    }
  }

  @Test
  void invoke_noStartSlotWithinTheTimeout_throttled() throws Exception {
    HeldInit held = new HeldInit();
    try (LambdaRuntime runtime =
            LambdaRuntime.start(
                List.of(
                    FixtureJar.function("slow", "EchoHandler", 2, Duration.ofSeconds(20)),
                    FixtureJar.function("quick", "EchoHandler", 2, Duration.ofSeconds(1))),
                new LambdaRuntime.Options(
                    null, Duration.ofSeconds(30), line -> {}, held, new Scaling(1, 100, 0, 0)));
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<InvocationResult> first =
          callers.submit(() -> runtime.invoke("slow", "{}".getBytes(UTF_8)));
      await(() -> runtime.pool("slow").stats().instancesStarted() == 1);

      InvocationResult waited = runtime.invoke("quick", "{}".getBytes(UTF_8));

      assertThat(waited.status()).isEqualTo(InvocationResult.Status.THROTTLED);
      assertThat(runtime.pool("quick").stats().waits()).isEqualTo(1);
      held.release.countDown();
      assertThat(first.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).status())
          .isEqualTo(InvocationResult.Status.OK);
    }
  }

  @Test
  void invoke_ceilingReachedWithAnIdleInstance_retiresItToMakeRoom() throws Exception {
    try (LambdaRuntime runtime =
        LambdaRuntime.start(
            List.of(
                FixtureJar.function("a", "SleepHandler", 2, Duration.ofSeconds(20)),
                FixtureJar.function("b", "SleepHandler", 2, Duration.ofSeconds(20))),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {})
                .withScaling(new Scaling(2, 1, 0, 0)))) {
      long idlePid = pid(runtime.invoke("a", "{}".getBytes(UTF_8)));

      InvocationResult other = runtime.invoke("b", "{}".getBytes(UTF_8));

      assertThat(other.status()).isEqualTo(InvocationResult.Status.OK);
      assertThat(ProcessHandle.of(idlePid).filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(runtime.pool("a").stats().instancesLive()).isZero();
      assertThat(runtime.pool("b").stats().instancesLive()).isEqualTo(1);
    }
  }

  @Test
  void invoke_ceilingReachedAndEveryInstanceBusy_throttledAtOnce() throws Exception {
    try (LambdaRuntime runtime =
            LambdaRuntime.start(
                List.of(
                    FixtureJar.function("a", "SleepHandler", 2, Duration.ofSeconds(20)),
                    FixtureJar.function("b", "SleepHandler", 2, Duration.ofSeconds(20))),
                new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {})
                    .withScaling(new Scaling(2, 1, 0, 0)));
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<InvocationResult> busy =
          callers.submit(() -> runtime.invoke("a", "{\"sleepMs\":15000}".getBytes(UTF_8)));
      await(() -> runtime.pool("a").stats().instancesLive() == 1);

      InvocationResult refused = runtime.invoke("b", "{}".getBytes(UTF_8));

      assertThat(refused.status()).isEqualTo(InvocationResult.Status.THROTTLED);
      assertThat(runtime.pool("b").stats().throttles()).isEqualTo(1);
      assertThat(runtime.pool("b").stats().instancesStarted()).isZero();
      busy.cancel(true);
    }
  }

  @Test
  void provision_warmOne_everyFunctionServedWithoutAColdStart() {
    try (LambdaRuntime runtime =
        LambdaRuntime.start(
            List.of(
                FixtureJar.function("a", "EchoHandler", 2, Duration.ofSeconds(5)),
                FixtureJar.function("b", "EchoHandler", 2, Duration.ofSeconds(5))),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {})
                .withScaling(Scaling.forThisMachine().withWarm(1)))) {

      Map<String, Integer> ready = runtime.provision().join();
      runtime.invoke("a", "{}".getBytes(UTF_8));
      runtime.invoke("b", "{}".getBytes(UTF_8));

      assertThat(ready).containsExactly(Map.entry("a", 1), Map.entry("b", 1));
      for (String name : List.of("a", "b")) {
        FunctionStats stats = runtime.pool(name).stats();
        assertThat(stats.instancesStarted()).isEqualTo(1);
        assertThat(stats.coldStarts()).isEmpty();
        assertThat(stats.invocations()).isEqualTo(1);
      }
    }
  }

  private static long pid(InvocationResult result) throws Exception {
    assertThat(result.status()).isEqualTo(InvocationResult.Status.OK);
    return JSON.readTree(result.payload()).path("pid").asLong();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    dev.idem.local.Await.until("condition", DEADLINE, condition);
  }
}
