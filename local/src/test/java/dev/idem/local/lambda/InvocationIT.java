package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.lambda.InvocationResult.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The handler forms, the Context, errors and logs, against real instance processes. */
class InvocationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Queue<String> CONSOLE = new ConcurrentLinkedQueue<>();
  private static LambdaRuntime runtime;

  @BeforeAll
  static void start() {
    FunctionDefinition echo =
        new FunctionDefinition(
            "echo",
            FixtureJar.PACKAGE + "EchoHandler",
            FixtureJar.path(),
            256,
            Duration.ofSeconds(5),
            Map.of("ECHO_VALUE", "from-env"),
            2);
    Duration timeout = Duration.ofSeconds(5);
    runtime =
        LambdaRuntime.start(
            List.of(
                echo,
                FixtureJar.function("stream", "StreamHandler", 1, timeout),
                FixtureJar.function("method", "MethodHandler::shout", 1, timeout),
                FixtureJar.function("throw", "ThrowHandler", 1, timeout),
                FixtureJar.function("broken", "BrokenInitHandler", 1, timeout)),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), CONSOLE::add));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void invoke_echoHandler_returnsInputWithEnvironmentAndRunningDownRemainingTime()
      throws Exception {
    InvocationResult result = runtime.invoke("echo", utf8("{\"message\":\"hi\"}"));

    assertThat(result.status()).isEqualTo(Status.OK);
    JsonNode output = JSON.readTree(result.payload());
    assertThat(output.path("message").asText()).isEqualTo("hi");
    assertThat(output.path("env").asText()).isEqualTo("from-env");
    assertThat(output.path("functionName").asText()).isEqualTo("echo");
    assertThat(output.path("memoryMb").asInt()).isEqualTo(256);
    assertThat(output.path("requestId").asText()).isNotBlank();
    assertThat(output.path("remainingMs").asLong()).isPositive().isLessThan(5_000);
  }

  @Test
  void invoke_streamHandler_returnsWhatItWrote() {
    InvocationResult result = runtime.invoke("stream", utf8("{\"a\":1}"));

    assertThat(result.status()).isEqualTo(Status.OK);
    assertThat(result.payloadText()).isEqualTo("{\"streamed\":{\"a\":1}}");
  }

  @Test
  void invoke_classMethodHandler_callsThatMethod() {
    InvocationResult result = runtime.invoke("method", utf8("{\"message\":\"hi\"}"));

    assertThat(result.status()).isEqualTo(Status.OK);
    assertThat(result.payloadText()).isEqualTo("\"HI!\"");
  }

  @Test
  void invoke_throwingHandler_returnsFunctionErrorAndKeepsInstance() throws Exception {
    InvocationResult first = runtime.invoke("throw", utf8("{\"message\":\"one\"}"));
    InvocationResult second = runtime.invoke("throw", utf8("{\"message\":\"two\"}"));

    assertThat(first.status()).isEqualTo(Status.FUNCTION_ERROR);
    assertThat(first.errorType()).isEqualTo("java.lang.IllegalStateException");
    JsonNode error = JSON.readTree(first.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("errorMessage").asText()).isEqualTo("boom one");
    assertThat(error.path("stackTrace").isArray()).isTrue();
    assertThat(second.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(runtime.pool("throw").stats().instancesStarted()).isEqualTo(1);
  }

  @Test
  void invoke_echoHandler_prefixesConsoleLinesAndReturnsLogTail() {
    String marker = "marker-" + UUID.randomUUID();

    InvocationResult result = runtime.invoke("echo", utf8("{\"message\":\"" + marker + "\"}"));

    assertThat(result.logTail())
        .contains("START RequestId: ")
        .contains("echo stdout " + marker)
        .contains("echo stderr " + marker)
        .contains("END RequestId: ")
        .containsPattern("REPORT RequestId: \\S+\tDuration: [0-9.]+ ms");
    assertThat(CONSOLE)
        .anyMatch(line -> line.matches("\\[echo#\\d+] echo stdout " + marker))
        .anyMatch(line -> line.matches("\\[echo#\\d+] echo stderr " + marker));
  }

  @Test
  void invoke_handlerFailingInit_returnsInitErrorAndDiscardsInstance() throws Exception {
    InvocationResult first = runtime.invoke("broken", utf8("{}"));
    InvocationResult second = runtime.invoke("broken", utf8("{}"));

    assertThat(first.status()).isEqualTo(Status.FUNCTION_ERROR);
    assertThat(first.payloadText()).contains("cannot initialise");
    assertThat(first.logTail()).contains("cannot initialise");
    assertThat(second.status()).isEqualTo(Status.FUNCTION_ERROR);
    FunctionStats stats = runtime.pool("broken").stats();
    assertThat(stats.instancesStarted()).isEqualTo(2);
    assertThat(stats.instancesLive()).isZero();
  }

  @Test
  void invoke_unknownFunction_throwsIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> runtime.invoke("nope", utf8("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("echo");
  }

  @Test
  void invoke_warmInstance_reusesProcessAndRecordsOneColdStart() throws Exception {
    long firstPid =
        JSON.readTree(runtime.invoke("echo", utf8("{}")).payload()).path("pid").asLong();
    List<Duration> warm = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      InvocationResult result = runtime.invoke("echo", utf8("{}"));
      assertThat(JSON.readTree(result.payload()).path("pid").asLong()).isEqualTo(firstPid);
      warm.add(result.duration());
    }

    FunctionStats stats = runtime.pool("echo").stats();
    assertThat(stats.instancesStarted()).isEqualTo(1);
    assertThat(stats.coldStarts()).hasSize(1);
    FunctionStats.ColdStart cold = stats.coldStarts().get(0);
    assertThat(cold.toFirstNext()).isPositive().isLessThan(cold.toFirstResponse());
    Collections.sort(warm);
    assertThat(warm.get(warm.size() / 2)).isLessThan(cold.toFirstResponse());
    System.out.printf(
        "[measure] echo: process start -> first /next %d ms, -> first response %d ms;"
            + " warm invocation p50 %.2f ms, max %.2f ms%n",
        cold.toFirstNext().toMillis(),
        cold.toFirstResponse().toMillis(),
        warm.get(warm.size() / 2).toNanos() / 1e6,
        warm.get(warm.size() - 1).toNanos() / 1e6);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }
}
