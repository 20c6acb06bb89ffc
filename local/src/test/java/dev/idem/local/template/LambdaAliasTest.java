package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AWS::Lambda::Version} and {@code AWS::Lambda::Alias}: names that reach the function. */
class LambdaAliasTest {

  @TempDir Path assembly;

  private String output(String value) {
    String resources =
        CdkTemplates.FUNCTION + "}, \"Outputs\": {\"Out\": {\"Value\": " + value + "}";
    return CdkTemplates.specs(assembly, resources).outputs().get("Out");
  }

  @Test
  void ref_aliasAndVersion_theirArns() {
    String function = "arn:aws:lambda:us-east-1:000000000000:function:Fn";

    assertThat(output("{\"Ref\": \"FnAlias\"}")).isEqualTo(function + ":live");
    assertThat(output("{\"Fn::GetAtt\": [\"FnAlias\", \"AliasArn\"]}"))
        .isEqualTo(function + ":live");
    assertThat(output("{\"Ref\": \"FnVersion\"}")).isEqualTo(function + ":1");
    assertThat(output("{\"Fn::GetAtt\": [\"FnVersion\", \"Version\"]}")).isEqualTo("1");
    assertThat(output(CdkTemplates.ALIAS_NAME)).isEqualTo("Fn:live");
  }

  @Test
  void specs_aliasWithProvisionedConcurrency_attachedToItsFunction() {
    FunctionSpec fn = CdkTemplates.specs(assembly, CdkTemplates.FUNCTION).functions().get(0);

    assertThat(fn.aliases()).containsExactly(new FunctionAlias("live", 2));
    assertThat(fn.provisionedConcurrency()).isEqualTo(2);
  }

  @Test
  void specs_versionWithProvisionedConcurrency_countsToo() {
    String resources =
        CdkTemplates.FUNCTION.replace(
            "\"Properties\": {\"FunctionName\": {\"Ref\": \"Fn\"}}",
            "\"Properties\": {\"FunctionName\": {\"Ref\": \"Fn\"},"
                + " \"ProvisionedConcurrencyConfig\": {\"ProvisionedConcurrentExecutions\": 1}}");

    FunctionSpec fn = CdkTemplates.specs(assembly, resources).functions().get(0);

    assertThat(fn.aliases())
        .containsExactly(new FunctionAlias("1", 1), new FunctionAlias("live", 2));
  }

  @Test
  void specs_routingConfig_reportedNotEmulated() {
    String resources =
        CdkTemplates.FUNCTION.replace(
            "\"Name\": \"live\",",
            "\"Name\": \"live\", \"RoutingConfig\": {\"AdditionalVersionWeights\": []},");

    StackSpec stack = CdkTemplates.specs(assembly, resources);

    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::where)
        .contains("FnAlias.RoutingConfig");
  }

  @Test
  void specs_mappingNamingAnUnknownAlias_failsNamingTheProperty() {
    String mapping =
        """
        , "Queue": {"Type": "AWS::SQS::Queue"},
        "Mapping": {
          "Type": "AWS::Lambda::EventSourceMapping",
          "Properties": {"FunctionName": "Fn:canary", "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]}}
        }\
        """;

    assertThatThrownBy(() -> CdkTemplates.specs(assembly, CdkTemplates.FUNCTION + mapping))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Mapping.FunctionName: Fn:canary names canary, which is no alias");
  }
}
