package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AWS::Lambda::Function} as CDK synthesizes it: code from the cloud assembly's asset. */
class LambdaFunctionTest {

  @TempDir Path assembly;

  @BeforeEach
  void asset() throws Exception {
    Files.writeString(assembly.resolve("asset.abc123.jar"), "a jar");
  }

  private StackSpec specs(String resources) {
    return Template.parse("{\"Resources\": {" + resources + "}}", assembly, Map.of()).specs();
  }

  private static String function(String properties, String metadata) {
    return """
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {%s},
      "Metadata": {%s}
    }\
    """
        .formatted(properties, metadata);
  }

  private static final String ASSET_CODE =
      """
      "Code": {"S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
               "S3Key": "abc123.jar"},
      "Handler": "app.Handler::handleRequest", "Runtime": "java21"
      """;

  private static final String ASSET_METADATA =
      """
      "aws:cdk:path": "app-stack/Api/Function/Resource",
      "aws:asset:path": "asset.abc123.jar", "aws:asset:property": "Code"
      """;

  @Test
  void specs_cdkAssetCode_jarInTheAssemblyAndEverySetting() {
    FunctionSpec fn =
        specs(
                function(
                        ASSET_CODE
                            + """
                            , "MemorySize": 1024, "Timeout": 10, "ReservedConcurrentExecutions": 4,
                            "Environment": {"Variables": {"STAGE": "dev", "STACK": {"Ref": "AWS::StackName"}}},
                            "Role": {"Fn::GetAtt": ["FnRole", "Arn"]}, "Description": "d"
                            """,
                        ASSET_METADATA)
                    + ", \"FnRole\": {\"Type\": \"AWS::IAM::Role\"}")
            .functions()
            .get(0);

    assertThat(fn.name()).isEqualTo("Fn");
    assertThat(fn.codeUri()).isEqualTo(assembly.resolve("asset.abc123.jar"));
    assertThat(fn.handler()).isEqualTo("app.Handler::handleRequest");
    assertThat(fn.runtime()).isEqualTo("java21");
    assertThat(fn.memorySize()).isEqualTo(1024);
    assertThat(fn.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(fn.reservedConcurrency()).isEqualTo(4);
    assertThat(fn.environment())
        .containsExactly(Map.entry("STAGE", "dev"), Map.entry("STACK", "idem-local"));
  }

  @Test
  void specs_defaults_lambdasMemoryAndTimeout() {
    FunctionSpec fn = specs(function(ASSET_CODE, ASSET_METADATA)).functions().get(0);

    assertThat(fn.memorySize()).isEqualTo(128);
    assertThat(fn.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fn.reservedConcurrency()).isNull();
    assertThat(fn.events()).isEmpty();
  }

  @Test
  void specs_localCodePath_resolvedAgainstTheTemplate() throws Exception {
    Files.createDirectories(assembly.resolve("target"));
    Files.writeString(assembly.resolve("target/app.jar"), "a jar");

    FunctionSpec fn =
        specs(
                function(
                    """
                    "Code": "target/app.jar", "Handler": "app.H", "Runtime": "java25"
                    """,
                    ""))
            .functions()
            .get(0);

    assertThat(fn.codeUri()).isEqualTo(assembly.resolve("target/app.jar"));
  }

  @Test
  void specs_assetMissing_failsNamingTheResourceAndProperty() {
    assertThatThrownBy(() -> specs(function(ASSET_CODE, ASSET_METADATA.replace("abc123", "gone"))))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Fn.Metadata.aws:asset:path: no code at ")
        .hasMessageContaining("asset.gone.jar");
  }

  @Test
  void specs_s3CodeWithoutAsset_failsNamingCode() {
    assertThatThrownBy(() -> specs(function(ASSET_CODE, "")))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Fn.Code: S3 code (")
        .hasMessageContaining("no local asset");
  }

  @Test
  void specs_unsupportedJavaRuntime_failsNamingRuntime() {
    assertThatThrownBy(() -> specs(function(ASSET_CODE.replace("java21", "java8"), ASSET_METADATA)))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Fn.Runtime: runtime java8 is not supported locally (java8.al2, java11, java17, java21,"
                + " java25)");
  }

  @Test
  void specs_nodeFunctionAndInlineCode_reportedNotEmulated() {
    StackSpec stack =
        specs(
            function(
                    """
                    "Code": {"ZipFile": "exports.handler = async () => {}"},
                    "Handler": "index.handler", "Runtime": "nodejs22.x"
                    """,
                    "")
                + ", "
                + function(
                        """
                        "Code": {"ImageUri": "123.dkr.ecr.us-east-1.amazonaws.com/app:1"},
                        "PackageType": "Image"
                        """,
                        "")
                    .replace("\"Fn\"", "\"Image\""));

    assertThat(stack.functions()).isEmpty();
    assertThat(stack.notEmulated().resources())
        .extracting(NotEmulated.Item::where, NotEmulated.Item::what)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Fn", "AWS::Lambda::Function (runtime 'nodejs22.x': only Java runs)"),
            org.assertj.core.groups.Tuple.tuple(
                "Image", "AWS::Lambda::Function (no Runtime: a container image)"));
  }

  @Test
  void specs_settingsWithoutLocalEffect_reportedByName() {
    StackSpec stack =
        specs(
            function(
                ASSET_CODE
                    + """
                    , "TracingConfig": {"Mode": "Active"}, "Architectures": ["arm64"],
                    "LoggingConfig": {"LogFormat": "JSON"}, "Layers": ["arn:aws:lambda:us-east-1:1:layer:x:1"]
                    """,
                ASSET_METADATA));

    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::where)
        .containsExactly("Fn.Layers", "Fn.TracingConfig", "Fn.Architectures", "Fn.LoggingConfig");
    assertThat(stack.notEmulated().properties().get(0).what())
        .isEqualTo(
            "layer arn:aws:lambda:us-east-1:1:layer:x:1 (not in this template: no local content)");
  }

  @Test
  void functionLookup_byConstructPath_findsTheFunction() {
    StackSpec stack = specs(function(ASSET_CODE, ASSET_METADATA));

    assertThat(stack.function("Api/Function")).map(FunctionSpec::logicalId).hasValue("Fn");
    assertThat(stack.constructPaths()).containsEntry("Fn", "Api/Function");
  }
}
