package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.edge.LocalAws;
import dev.idem.local.faults.EdgeFaults;
import dev.idem.local.faults.FaultHooks;
import dev.idem.local.faults.FaultPlan;
import dev.idem.local.faults.Faults;
import dev.idem.local.lambda.InvocationResult.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in function instances, with real instance processes: where the instance dies or hangs
 * decides whether the handler's effect happened, and how the invocation ends.
 */
class InstanceFaultsIT {

  private static final Queue<String> CONSOLE = new ConcurrentLinkedQueue<>();
  private static final Faults FAULTS = Faults.none();
  private static LocalAws aws;
  private static LambdaRuntime runtime;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(0);
    AtomicReference<LambdaRuntime> started = new AtomicReference<>();
    java.util.function.Function<String, java.util.Optional<RunningInstance>> instances =
        key -> started.get() == null ? java.util.Optional.empty() : started.get().instance(key);
    FaultHooks hooks = new FaultHooks(FAULTS, instances);
    aws.router().intercept(new EdgeFaults(FAULTS, instances)).markReady();
    FunctionDefinition effect =
        new FunctionDefinition(
            "effect",
            FixtureJar.PACKAGE + "EffectHandler",
            FixtureJar.path(),
            256,
            Duration.ofSeconds(4),
            Map.of(),
            2);
    runtime =
        LambdaRuntime.start(
            List.of(effect),
            new LambdaRuntime.Options(aws.edgeUrl(), Duration.ofSeconds(30), CONSOLE::add, hooks));
    started.set(runtime);
  }

  @AfterAll
  static void stop() {
    runtime.close();
    aws.close();
  }

  @AfterEach
  void clearRules() {
    FAULTS.replace(List.of());
  }

  @Test
  void killBeforeHandler_noEffect_runtimeExitError() {
    install("[{\"kind\":\"lambda-kill-before-handler\",\"limit\":1}]");

    InvocationResult result = invoke(0, "before");

    assertThat(result.status()).isEqualTo(Status.FUNCTION_ERROR);
    assertThat(result.errorType()).isEqualTo("Runtime.ExitError");
    assertThat(dir.resolve("before")).doesNotExist();
    assertThat(invoke(0, "next").status()).isEqualTo(Status.OK);
  }

  @Test
  void killAfterResponse_effectHappened_butInvocationFailed() {
    install("[{\"kind\":\"lambda-kill-after-response\",\"limit\":1}]");

    InvocationResult result = invoke(0, "after-response");

    assertThat(result.errorType()).isEqualTo("Runtime.ExitError");
    assertThat(dir.resolve("after-response")).exists();
  }

  @Test
  void hang_effectHappened_invocationTimesOut() {
    install("[{\"kind\":\"lambda-hang\",\"limit\":1}]");

    InvocationResult result = invoke(0, "hang");

    assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(dir.resolve("hang")).exists();
  }

  @Test
  void killAfterCall_secondCall_killedBetweenItsCallsAndTheEffect() {
    install("[{\"kind\":\"lambda-kill-after-call\",\"call\":2,\"limit\":1}]");

    InvocationResult result = invoke(3, "after-call");

    assertThat(result.errorType()).isEqualTo("Runtime.ExitError");
    assertThat(dir.resolve("after-call")).doesNotExist();
    List<dev.idem.local.faults.FaultLog.Entry> log = FAULTS.log().entries(0);
    assertThat(log.get(log.size() - 1).target()).contains("function=effect").contains("call=2");
  }

  @Test
  void hangAtCall_callNeverAnswered_invocationTimesOut() {
    install("[{\"kind\":\"lambda-hang\",\"call\":1,\"limit\":1}]");

    InvocationResult result = invoke(2, "hang-call");

    assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(dir.resolve("hang-call")).doesNotExist();
  }

  @Test
  void slowStart_newInstance_initTakesAtLeastTheDelay() {
    runtime.pool("effect").retireIdleInstances();
    install("[{\"kind\":\"lambda-slow-start\",\"latencyMs\":1500,\"limit\":1}]");

    InvocationResult result = invoke(0, "slow");

    assertThat(result.status()).isEqualTo(Status.OK);
    List<FunctionStats.ColdStart> starts = runtime.pool("effect").stats().coldStarts();
    assertThat(starts.get(starts.size() - 1).toFirstNext())
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
  }

  private InvocationResult invoke(int calls, String marker) {
    String event = "{\"calls\":" + calls + ",\"marker\":\"" + dir.resolve(marker) + "\"}";
    return runtime.invoke("effect", event.getBytes(UTF_8));
  }

  private static void install(String rules) {
    FAULTS.replace(FaultPlan.parse(rules).rules());
  }
}
