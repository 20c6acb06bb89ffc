package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateGlobalsTest {

  private static final String YAML =
      """
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function:
          Runtime: java21
          CodeUri: build/app.jar
          MemorySize: 1024
          Timeout: 20
          Environment:
            Variables:
              SHARED: from-globals
              OVERRIDDEN: from-globals
      Resources:
        Plain:
          Type: AWS::Serverless::Function
          Properties:
            Handler: app.Plain::handleRequest
        Custom:
          Type: AWS::Serverless::Function
          Properties:
            FunctionName: custom-name
            Handler: app.Custom
            Timeout: 5
            ReservedConcurrentExecutions: 3
            Environment:
              Variables:
                OVERRIDDEN: from-resource
                OWN: own
      """;

  @Test
  void specs_globalsMergedIntoEachFunction_resourceWins() {
    StackSpec stack = Template.parse(YAML, Path.of("/app"), Map.of()).specs();

    FunctionSpec plain = stack.function("Plain").orElseThrow();
    FunctionSpec custom = stack.function("custom-name").orElseThrow();
    assertThat(plain.memorySize()).isEqualTo(1024);
    assertThat(plain.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(plain.environment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("SHARED", "from-globals", "OVERRIDDEN", "from-globals"));
    assertThat(custom.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(custom.reservedConcurrency()).isEqualTo(3);
    assertThat(custom.environment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("SHARED", "from-globals", "OVERRIDDEN", "from-resource", "OWN", "own"));
  }

  @Test
  void specs_codeUriRelative_resolvedAgainstTemplateFolder() {
    FunctionSpec plain =
        Template.parse(YAML, Path.of("/app"), Map.of()).specs().function("Plain").orElseThrow();

    assertThat(plain.codeUri()).isEqualTo(Path.of("/app/build/app.jar"));
    assertThat(plain.name()).isEqualTo("Plain");
    assertThat(plain.arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Plain");
  }

  @Test
  void merge_listsConcatenateGlobalsFirst_scalarsResourceWins() {
    Object merged =
        Globals.merge(
            Map.of("Layers", List.of("g1"), "Tracing", "Active"),
            Map.of("Layers", List.of("r1"), "Tracing", "PassThrough"));

    assertThat(merged).isEqualTo(Map.of("Layers", List.of("g1", "r1"), "Tracing", "PassThrough"));
  }

  @Test
  void merge_intrinsicOnResource_replacesGlobalMap() {
    Map<String, Object> intrinsic = Map.of("Fn::If", List.of("C", "a", "b"));

    assertThat(Globals.merge(Map.of("K", "v"), intrinsic)).isEqualTo(intrinsic);
  }
}
