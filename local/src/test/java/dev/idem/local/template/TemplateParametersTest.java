package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateParametersTest {

  private static Template parse(String parameters, Map<String, String> overrides) {
    return Template.parse(
        "Parameters:\n" + parameters + "Resources:\n  Q: {Type: AWS::SQS::Queue}\n",
        Path.of("/t"),
        overrides);
  }

  @Test
  void load_overrideAndDefaults_valuesTyped() {
    Template template =
        parse(
            """
              Threshold: {Type: Number, Default: 100}
              Names: {Type: CommaDelimitedList, Default: "x,y"}
            """,
            Map.of("Threshold", "250"));

    assertThat(template.parameters())
        .containsEntry("Threshold", "250")
        .containsEntry("Names", List.of("x", "y"));
  }

  @Test
  void load_noDefaultNoOverride_failsSayingHowToPass() {
    assertThatThrownBy(() -> parse("  Url: {Type: String}\n", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("--parameter Url=VALUE");
  }

  @Test
  void load_unknownOverride_failsListingDeclared() {
    assertThatThrownBy(() -> parse("  Url: {Type: String, Default: x}\n", Map.of("Nope", "1")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Nope")
        .hasMessageContaining("[Url]");
  }

  @Test
  void load_valueOutsideAllowedValuesOrPattern_fails() {
    String declared =
        "  Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}\n"
            + "  Name: {Type: String, Default: ab, AllowedPattern: '^[a-z]+$'}\n";

    assertThatThrownBy(() -> parse(declared, Map.of("Stage", "qa")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("not one of [dev, prod]");
    assertThatThrownBy(() -> parse(declared, Map.of("Name", "AB1")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void load_numberParameterNotANumber_fails() {
    assertThatThrownBy(() -> parse("  N: {Type: Number, Default: 1}\n", Map.of("N", "ten")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("must be a number");
  }

  @Test
  void load_invalidYaml_failsAsTemplateException() {
    assertThatThrownBy(() -> Template.parse("Resources: [unclosed", Path.of("/t"), Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("not valid YAML");
  }
}
