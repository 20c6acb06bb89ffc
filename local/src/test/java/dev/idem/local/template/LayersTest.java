package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayersTest {

  @TempDir Path dir;

  private static final String YAML =
      """
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function:
          Runtime: java17
          Handler: app.H::handle
          Layers:
            - !Ref Shared
      Resources:
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: app
            Layers:
              - !Ref Plain
              - arn:aws:lambda:us-east-1:123456789012:layer:elsewhere:3
        Shared:
          Type: AWS::Serverless::LayerVersion
          Properties:
            LayerName: shared-libs
            ContentUri: layers/shared
            CompatibleRuntimes: [java17]
        Plain:
          Type: AWS::Lambda::LayerVersion
          Properties:
            Content: layers/plain.zip
      """;

  @Test
  void specs_globalsAndOwnLayers_inSamsOrderWithTheirContent() {
    StackSpec stack = Template.parse(YAML, dir, Map.of()).specs();
    FunctionSpec fn = stack.functions().get(0);

    assertThat(fn.layers())
        .containsExactly(
            new FunctionLayer("Shared", dir.resolve("layers/shared")),
            new FunctionLayer("Plain", dir.resolve("layers/plain.zip")));
    assertThat(fn.runtime()).isEqualTo("java17");
    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::where, NotEmulated.Item::what)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Fn.Layers",
                "layer arn:aws:lambda:us-east-1:123456789012:layer:elsewhere:3 (not in this"
                    + " template: no local content)"));
  }

  @Test
  void specs_templateBesideSamBuildOutput_codeAndLayersFromIt() throws Exception {
    Path builtFn = Files.createDirectories(dir.resolve(".aws-sam/build/Fn"));
    Path builtLayer = Files.createDirectories(dir.resolve(".aws-sam/build/Shared/java/lib"));

    FunctionSpec fn = Template.parse(YAML, dir, Map.of()).specs().functions().get(0);

    assertThat(fn.codeUri()).isEqualTo(builtFn);
    assertThat(fn.layers().get(0).content()).isEqualTo(builtLayer.getParent().getParent());
    assertThat(fn.layers().get(1).content()).isEqualTo(dir.resolve("layers/plain.zip"));
  }
}
