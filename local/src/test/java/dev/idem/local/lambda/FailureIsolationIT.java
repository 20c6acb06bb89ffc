package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.lambda.InvocationResult.Status;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A timeout or an exit ends only the instance it happened in. */
class FailureIsolationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SLEEPING_PID = Pattern.compile("sleeping pid=(\\d+)");
  private static LambdaRuntime runtime;

  @BeforeAll
  static void start() {
    runtime =
        LambdaRuntime.start(
            List.of(
                FixtureJar.function("sleep", "SleepHandler", 2, Duration.ofSeconds(1)),
                FixtureJar.function("exit", "ExitHandler", 2, Duration.ofSeconds(5)),
                FixtureJar.function("echo", "EchoHandler", 2, Duration.ofSeconds(5))),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {}));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void invoke_handlerOverrunningTimeout_killsInstanceAndReportsTimedOut() throws Exception {
    InvocationResult timedOut = runtime.invoke("sleep", utf8("{\"sleepMs\":60000}"));

    assertThat(timedOut.status()).isEqualTo(Status.FUNCTION_ERROR);
    assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(JSON.readTree(timedOut.payload()).path("errorMessage").asText())
        .isEqualTo("Task timed out after 1.00 seconds");
    assertThat(timedOut.logTail()).contains("Status: timeout");
    long killedPid = sleepingPid(timedOut.logTail());
    assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();

    InvocationResult next = runtime.invoke("sleep", utf8("{\"sleepMs\":0}"));

    assertThat(next.status()).isEqualTo(Status.OK);
    assertThat(JSON.readTree(next.payload()).path("pid").asLong()).isNotEqualTo(killedPid);
    FunctionStats stats = runtime.pool("sleep").stats();
    assertThat(stats.instancesStarted()).isEqualTo(2);
    assertThat(stats.timeouts()).isEqualTo(1);
    assertThat(stats.instancesLive()).isEqualTo(1);
  }

  @Test
  void invoke_handlerCallingSystemExit_losesOnlyThatInstance() throws Exception {
    long echoPid = pid(runtime.invoke("echo", utf8("{}")));
    long exitPid = pid(runtime.invoke("exit", utf8("{}")));

    InvocationResult exited = runtime.invoke("exit", utf8("{\"exit\":true}"));

    assertThat(exited.status()).isEqualTo(Status.FUNCTION_ERROR);
    assertThat(exited.errorType()).isEqualTo("Runtime.ExitError");
    assertThat(exited.payloadText()).contains("Runtime exited with error: exit status 3");
    assertThat(exited.logTail()).contains("exiting");
    assertThat(ProcessHandle.of(exitPid).filter(ProcessHandle::isAlive)).isEmpty();
    InvocationResult next = runtime.invoke("exit", utf8("{}"));
    assertThat(next.status()).isEqualTo(Status.OK);
    assertThat(pid(next)).isNotEqualTo(exitPid);
    assertThat(pid(runtime.invoke("echo", utf8("{}")))).isEqualTo(echoPid);
    assertThat(runtime.pool("exit").stats().instancesStarted()).isEqualTo(2);
  }

  private static long pid(InvocationResult result) throws Exception {
    assertThat(result.status()).isEqualTo(Status.OK);
    return JSON.readTree(result.payload()).path("pid").asLong();
  }

  private static long sleepingPid(String logTail) {
    Matcher matcher = SLEEPING_PID.matcher(logTail);
    assertThat(matcher.find()).as("pid in log tail: %s", logTail).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }
}
