package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.lambda.InvocationResult.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instances grow on demand up to the limit, the rest is throttled, warm ones are reused. */
class ScalingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 2;
  private static LambdaRuntime runtime;

  @BeforeAll
  static void start() {
    runtime =
        LambdaRuntime.start(
            List.of(
                FixtureJar.function("sleep", "SleepHandler", LIMIT, Duration.ofSeconds(20)),
                FixtureJar.function("echo", "EchoHandler", 1, Duration.ofSeconds(5))),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {}));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void invoke_moreConcurrentThanLimit_throttlesTheExtraOnesThenReusesWarmInstances()
      throws Exception {
    // Each admitted call holds its instance for a cold start plus 1.5 s: the other calls,
    // released at the same moment, all arrive while both instances are busy.
    List<InvocationResult> first = concurrently(LIMIT + 3, 1_500);

    Map<Status, Long> statuses = countByStatus(first);
    assertThat(statuses).containsEntry(Status.OK, (long) LIMIT);
    assertThat(statuses).containsEntry(Status.THROTTLED, 3L);
    FunctionStats afterFirst = runtime.pool("sleep").stats();
    assertThat(afterFirst.instancesStarted()).isEqualTo(LIMIT);
    assertThat(afterFirst.throttles()).isEqualTo(3);
    Set<Long> warmPids = pids(first);

    List<InvocationResult> second = concurrently(LIMIT, 100);

    assertThat(countByStatus(second)).containsEntry(Status.OK, (long) LIMIT);
    assertThat(pids(second)).isSubsetOf(warmPids);
    FunctionStats afterSecond = runtime.pool("sleep").stats();
    assertThat(afterSecond.instancesStarted()).isEqualTo(LIMIT);
    assertThat(afterSecond.coldStarts()).hasSize(LIMIT);
    assertThat(afterSecond.invocations()).isEqualTo(2L * LIMIT);
  }

  @Test
  void retireIdleInstances_warmInstance_stopsItAndNextInvocationStartsAnother() throws Exception {
    FunctionPool pool = runtime.pool("echo");
    long warmPid = JSON.readTree(pool.invoke("{}".getBytes(UTF_8)).payload()).path("pid").asLong();

    int retired = pool.retireIdleInstances();

    assertThat(retired).isEqualTo(1);
    assertThat(ProcessHandle.of(warmPid).filter(ProcessHandle::isAlive)).isEmpty();
    long freshPid = JSON.readTree(pool.invoke("{}".getBytes(UTF_8)).payload()).path("pid").asLong();
    assertThat(freshPid).isNotEqualTo(warmPid);
    assertThat(pool.stats().coldStarts()).hasSize(2);
  }

  private static List<InvocationResult> concurrently(int calls, long sleepMs) throws Exception {
    byte[] payload = ("{\"sleepMs\":" + sleepMs + "}").getBytes(UTF_8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<InvocationResult>> futures = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < calls; i++) {
        futures.add(
            executor.submit(() -> {
              go.await();
              return runtime.invoke("sleep", payload);
            }));
      }
      go.countDown();
      List<InvocationResult> results = new ArrayList<>();
      for (Future<InvocationResult> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    }
  }

  private static Map<Status, Long> countByStatus(List<InvocationResult> results) {
    return results.stream()
        .collect(Collectors.groupingBy(InvocationResult::status, Collectors.counting()));
  }

  private static Set<Long> pids(List<InvocationResult> results) throws Exception {
    Set<Long> pids = new java.util.HashSet<>();
    for (InvocationResult result : results) {
      if (result.status() == Status.OK) {
        pids.add(JSON.readTree(result.payload()).path("pid").asLong());
      }
    }
    return pids;
  }
}
