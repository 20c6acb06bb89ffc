package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An alias's provisioned concurrency: instances initialized before the first invocation. */
class ProvisionedConcurrencyIT {

  private static FunctionDefinition provisioned(String name, String handler, int instances) {
    FunctionDefinition base = FixtureJar.function(name, handler, 3, Duration.ofSeconds(10));
    return new FunctionDefinition(
        base.name(),
        base.handler(),
        base.runtime(),
        base.code(),
        base.memoryMb(),
        base.timeout(),
        base.environment(),
        base.concurrencyLimit(),
        Set.of("live"),
        instances);
  }

  @Test
  void provision_twoInstances_initializedThenServedWarm() {
    try (LambdaRuntime runtime =
        LambdaRuntime.start(
            List.of(
                provisioned("echo", "EchoHandler", 2),
                FixtureJar.function("plain", "EchoHandler", 1, Duration.ofSeconds(5))),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {}))) {

      Map<String, Integer> ready = runtime.provision().join();
      InvocationResult result = runtime.invoke("echo", "{\"n\":1}".getBytes(UTF_8));

      assertThat(ready).containsExactly(Map.entry("echo", 2));
      assertThat(result.status()).isEqualTo(InvocationResult.Status.OK);
      FunctionStats stats = runtime.pool("echo").stats();
      assertThat(stats.instancesStarted()).isEqualTo(2);
      assertThat(stats.coldStarts()).isEmpty();
      assertThat(runtime.pool("plain").stats().instancesStarted()).isZero();
    }
  }

  @Test
  void provision_initFails_notCountedAsReadyAndSlotFreed() {
    try (LambdaRuntime runtime =
        LambdaRuntime.start(
            List.of(provisioned("broken", "BrokenInitHandler", 1)),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {}))) {

      Map<String, Integer> ready = runtime.provision().join();

      assertThat(ready).containsExactly(Map.entry("broken", 0));
      assertThat(runtime.pool("broken").stats().instancesLive()).isZero();
    }
  }
}
