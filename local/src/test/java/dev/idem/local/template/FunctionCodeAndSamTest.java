package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionCodeAndSamTest {

  @TempDir Path dir;

  private FunctionSpec function(Path codeUri) {
    return new FunctionSpec(
        "Fn",
        "Fn",
        "a.B",
        codeUri,
        "java21",
        128,
        Duration.ofSeconds(3),
        Map.of(),
        null,
        List.of());
  }

  @Test
  void codeJar_fileFolderOrMavenTarget_theOneJar() throws Exception {
    Path jar = Files.createFile(dir.resolve("app.jar"));
    Path module = Files.createDirectories(dir.resolve("module/target"));
    Path shaded = Files.createFile(module.resolve("app-1.0.jar"));
    Files.createFile(module.resolve("original-app-1.0.jar"));
    Files.createFile(module.resolve("app-1.0-sources.jar"));

    assertThat(function(jar).codeJar()).isEqualTo(jar);
    assertThat(function(dir).codeJar()).isEqualTo(jar);
    assertThat(function(dir.resolve("module")).codeJar()).isEqualTo(shaded);
  }

  @Test
  void codeJar_missingOrAmbiguous_failsSayingWhat() throws Exception {
    Files.createFile(dir.resolve("a.jar"));
    Files.createFile(dir.resolve("b.jar"));

    assertThatThrownBy(() -> function(dir.resolve("nope.jar")).codeJar())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("build the jar first");
    assertThatThrownBy(() -> function(dir).codeJar())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected one jar");
  }

  @Test
  void specs_samGeneratedReferences_resolvedAndReported() {
    String yaml =
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          HelloFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java21
              CodeUri: hello
              Handler: hello.App::handleRequest
              Events:
                Hello: {Type: Api, Properties: {Path: /hello, Method: get}}
        Outputs:
          Api:
            Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/hello/"
          Role:
            Value: !GetAtt HelloFunctionRole.Arn
        """;

    StackSpec stack = Template.parse(yaml, dir, Map.of()).specs();

    assertThat(stack.outputs().get("Api"))
        .isEqualTo("https://ServerlessRestApi.execute-api.us-east-1.amazonaws.com/Prod/hello/");
    assertThat(stack.outputs().get("Role")).contains("HelloFunctionRole");
    assertThat(stack.notEmulated().summary())
        .contains("SAM-generated ServerlessRestApi")
        .contains("SAM-generated HelloFunctionRole");
  }

  @Test
  void specs_ruleWithLambdaAndSnsTargets_functionTargetKeptSnsReported() {
    String yaml =
        """
        Resources:
          Fn: {Type: AWS::Serverless::Function, Properties: {Runtime: java21, CodeUri: x.jar, Handler: a.B}}
          R:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [s]}
              Targets:
                - {Id: fn, Arn: !GetAtt Fn.Arn}
                - {Id: topic, Arn: arn:aws:sns:us-east-1:000000000000:t}
                - {Id: elsewhere, Arn: arn:aws:lambda:us-east-1:000000000000:function:other}
        """;

    StackSpec stack = Template.parse(yaml, dir, Map.of()).specs();

    assertThat(stack.rules().get(0).targets().get(0).arn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Fn");
    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::where)
        .containsExactly("R.Targets[1]", "R.Targets[2]");
  }
}
