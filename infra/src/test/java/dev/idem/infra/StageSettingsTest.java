package dev.idem.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.infra.constructs.IdempotentFunction;
import dev.idem.infra.constructs.JavaRuntime;
import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import dev.idem.infra.support.CfnYaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageSettingsTest {

  @Test
  void defaults_everySetting_isTemplateYamlsParameterDefault() {
    Map<String, Object> template = CfnYaml.read(CdkTest.REPOSITORY.resolve("template.yaml"));
    StageSettings defaults = StageSettings.defaults();

    assertThat(defaults.stage()).isEqualTo(parameter(template, "StageName"));
    assertThat(defaults.highValueOrderThreshold())
        .isEqualTo(parameter(template, "HighValueOrderThreshold"));
    assertThat(defaults.paymentProviderUrl()).isEqualTo(parameter(template, "PaymentProviderUrl"));
    assertThat(defaults.notificationProviderUrl())
        .isEqualTo(parameter(template, "NotificationProviderUrl"));
    assertThat(defaults.apiProvisionedConcurrency())
        .isEqualTo(parameter(template, "ApiProvisionedConcurrency"));
    assertThat(defaults.queueMaximumConcurrency())
        .isEqualTo(parameter(template, "QueueMaximumConcurrency"));
    assertThat(defaults.apiThrottlingRateLimit())
        .isEqualTo(parameter(template, "ApiThrottlingRateLimit"));
    assertThat(defaults.apiThrottlingBurstLimit())
        .isEqualTo(parameter(template, "ApiThrottlingBurstLimit"));
  }

  @Test
  void defaults_cdkOnlySettings_areDocumentedValues() {
    StageSettings defaults = StageSettings.defaults();

    assertThat(defaults.apiProvisionedConcurrencyMax()).isEqualTo(4);
    assertThat(defaults.apiSnapStart()).isFalse();
    assertThat(defaults.javaRuntime()).isEqualTo(JavaRuntime.JAVA_21);
    assertThat(defaults.functionsJar()).isEqualTo(IdempotentFunction.DEFAULT_JAR);
    assertThat(defaults.alarmTopicArn()).isNull();
    assertThat(defaults.isProd()).isFalse();
  }

  @Test
  void fromContext_stringsFromTheCommandLine_areParsed() {
    StageSettings settings =
        StageSettings.fromContext(
            Map.of(
                    "stage", "prod",
                    "apiProvisionedConcurrency", "3",
                    "apiSnapStart", "false",
                    "javaRuntime", "java25")
                ::get);

    assertThat(settings.isProd()).isTrue();
    assertThat(settings.apiProvisionedConcurrency()).isEqualTo(3);
    assertThat(settings.apiProvisionedConcurrencyMax()).isEqualTo(4);
    assertThat(settings.javaRuntime()).isEqualTo(JavaRuntime.JAVA_25);
  }

  @Test
  void fromContext_jsonNumbersAndBooleans_areParsed() {
    StageSettings settings =
        StageSettings.fromContext(
            Map.<String, Object>of(
                    "queueMaximumConcurrency",
                    7.0,
                    "apiProvisionedConcurrency",
                    6,
                    "apiSnapStart",
                    Boolean.FALSE)
                ::get);

    assertThat(settings.queueMaximumConcurrency()).isEqualTo(7);
    assertThat(settings.apiProvisionedConcurrencyMax()).isEqualTo(6);
  }

  @Test
  void fromContext_valueOutOfRange_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> StageSettings.fromContext(Map.of("stage", "Prod")::get))
        .hasMessageContaining("CDK context 'stage' must be ^[a-z][a-z0-9-]{0,15}$, was 'Prod'");
    assertThatThrownBy(() -> StageSettings.fromContext(Map.of("queueMaximumConcurrency", 1)::get))
        .hasMessageContaining("'queueMaximumConcurrency' must be 2..1000");
    assertThatThrownBy(() ->
            StageSettings.fromContext(
                Map.of("apiProvisionedConcurrency", 5, "apiProvisionedConcurrencyMax", 2)::get))
        .hasMessageContaining(
            "'apiProvisionedConcurrencyMax' must be >= apiProvisionedConcurrency");
  }

  @Test
  void fromContext_valueOfTheWrongType_isRefusedNamingTheKey() {
    assertThatThrownBy(
            () -> StageSettings.fromContext(Map.of("apiThrottlingRateLimit", "fast")::get))
        .hasMessageContaining("'apiThrottlingRateLimit' must be an integer, was 'fast'");
    assertThatThrownBy(() -> StageSettings.fromContext(Map.of("apiSnapStart", "yes")::get))
        .hasMessageContaining("'apiSnapStart' must be true or false, was 'yes'");
    assertThatThrownBy(() -> StageSettings.fromContext(Map.of("javaRuntime", "java17")::get))
        .hasMessageContaining("use java21 or java25");
  }

  private static Object parameter(Map<String, Object> template, String name) {
    return CfnTemplate.at(template, "Parameters", name, "Default");
  }
}
