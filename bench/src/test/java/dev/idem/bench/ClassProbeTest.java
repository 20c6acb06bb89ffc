package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.lambda.FunctionDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClassProbeTest {

  @Test
  void count_logLines_groupsClassesByOrigin() {
    Stream<String> lines =
        Stream.of(
            "[0.010s][info][class,load] java.lang.Object source: shared objects file",
            "[0.011s][info][class,load] java.net.http.HttpClient source: jrt:/java.net.http",
            "[0.200s][info][class,load] dev.idem.idempotency.Idempotency source: file:/f.jar",
            "[0.201s][info][class,load] software.amazon.awssdk.core.SdkBytes source: file:/f.jar",
            "[0.202s][info][class,load] com.fasterxml.jackson.databind.ObjectMapper source: x",
            "[0.203s][info][class,load] org.slf4j.Logger source: file:/f.jar",
            "[0.204s][info][gc] not a class line");

    Map<String, Integer> counts = ClassProbe.count(lines);

    assertThat(counts)
        .containsEntry("total", 6)
        .containsEntry("JDK other", 1)
        .containsEntry("JDK HTTP client", 1)
        .containsEntry("Idem", 1)
        .containsEntry("AWS SDK", 1)
        .containsEntry("Jackson", 1)
        .containsEntry("other", 1)
        .containsEntry("functions", 0);
  }

  @Test
  void of_function_logsClassesOnTopOfItsJavaToolOptions() {
    FunctionDefinition function =
        new FunctionDefinition(
            "F",
            "a.B",
            Path.of("f.jar"),
            1024,
            Duration.ofSeconds(3),
            Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"),
            10);

    FunctionDefinition probe = ClassProbe.of(function, Path.of("/tmp/f.log"));

    assertThat(probe.name()).isEqualTo("FClassProbe");
    assertThat(probe.environment().get("JAVA_TOOL_OPTIONS"))
        .isEqualTo("-XX:TieredStopAtLevel=1 -Xlog:class+load=info:file=/tmp/f.log");
    assertThat(probe.handler()).isEqualTo(function.handler());
  }
}
