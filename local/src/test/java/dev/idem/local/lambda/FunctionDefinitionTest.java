package dev.idem.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionDefinitionTest {

  @Test
  void new_validDefinition_copiesEnvironmentAndNamesArn() {
    Map<String, String> env = new HashMap<>(Map.of("A", "1"));

    FunctionDefinition function = define(128, Duration.ofSeconds(3), 0, env);
    env.put("B", "2");

    assertThat(function.environment()).containsOnlyKeys("A");
    assertThat(function.arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f");
  }

  @Test
  void new_outOfRangeLimits_throwNamingTheFunction() {
    assertThatThrownBy(() -> define(64, Duration.ofSeconds(3), 1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("function f")
        .hasMessageContaining("MemorySize 64");
    assertThatThrownBy(() -> define(128, Duration.ZERO, 1, Map.of()))
        .hasMessageContaining("Timeout");
    assertThatThrownBy(() -> define(128, Duration.ofMinutes(16), 1, Map.of()))
        .hasMessageContaining("Timeout");
    assertThatThrownBy(() -> define(128, Duration.ofSeconds(3), -1, Map.of()))
        .hasMessageContaining("concurrency limit -1");
  }

  @Test
  void new_blankHandler_throws() {
    assertThatThrownBy(() ->
            new FunctionDefinition(
                "f", " ", Path.of("f.jar"), 128, Duration.ofSeconds(1), Map.of(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no handler");
  }

  private static FunctionDefinition define(
      int memoryMb, Duration timeout, int limit, Map<String, String> env) {
    return new FunctionDefinition("f", "a.B", Path.of("f.jar"), memoryMb, timeout, env, limit);
  }
}
