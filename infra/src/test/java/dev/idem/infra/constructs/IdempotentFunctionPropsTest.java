package dev.idem.infra.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;

class IdempotentFunctionPropsTest {

  private static final String HANDLER = "com.example.Handler::handleRequest";

  @Test
  void build_provisionedConcurrencyAndSnapStart_isRefusedNamingBoth() {
    IdempotentFunctionProps.Builder both =
        IdempotentFunctionProps.builder(HANDLER)
            .provisionedConcurrency(ProvisionedConcurrency.of(1, 2))
            .snapStart(true);

    assertThatThrownBy(both::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provisioned concurrency and SnapStart are mutually exclusive")
        .hasMessageContaining(HANDLER);
  }

  @Test
  void build_eitherScalingModeAlone_isAccepted() {
    assertThat(
            IdempotentFunctionProps.builder(HANDLER)
                .provisionedConcurrency(ProvisionedConcurrency.of(1, 2))
                .build()
                .provisionedConcurrency())
        .isEqualTo(ProvisionedConcurrency.of(1, 2));
    assertThat(IdempotentFunctionProps.builder(HANDLER).snapStart(true).build().snapStart())
        .isTrue();
  }

  @Test
  void build_malformedHandler_isRefused() {
    assertThatThrownBy(() -> IdempotentFunctionProps.builder("not a handler!").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("package.Class::method");
  }

  @Test
  void build_memoryOrTimeoutOutOfLambdasRange_isRefused() {
    assertThatThrownBy(() -> IdempotentFunctionProps.builder(HANDLER).memorySize(64).build())
        .hasMessageContaining("memorySize must be between 128 and 10240");
    assertThatThrownBy(
            () -> IdempotentFunctionProps.builder(HANDLER).timeout(Duration.minutes(16)).build())
        .hasMessageContaining("timeout must be between 1 and 900 seconds, was 960");
  }

  @Test
  void provisionedConcurrency_outOfRange_isRefused() {
    assertThatThrownBy(() -> ProvisionedConcurrency.of(0, 2))
        .hasMessageContaining("minimum must be at least 1");
    assertThatThrownBy(() -> ProvisionedConcurrency.of(3, 2))
        .hasMessageContaining("maximum (2) is below its minimum (3)");
    assertThatThrownBy(() -> new ProvisionedConcurrency(1, 2, 0.95))
        .hasMessageContaining("between 0.1 and 0.9");
  }

  @Test
  void codeFromJar_missingJar_isRefusedWithTheBuildCommand() {
    Path missing = Path.of("target", "no-such-dir", "idem-functions.jar");

    assertThatThrownBy(() -> IdempotentFunction.codeFromJar(missing.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("./mvnw -B -ntp -pl functions -am package");
  }

  @Test
  void javaRuntime_byLambdaName_isFoundOrRefused() {
    assertThat(JavaRuntime.of("java25")).isEqualTo(JavaRuntime.JAVA_25);
    assertThat(JavaRuntime.of(" JAVA21 ")).isEqualTo(JavaRuntime.JAVA_21);
    assertThatThrownBy(() -> JavaRuntime.of("java17"))
        .hasMessageContaining("Unknown Java runtime 'java17': use java21 or java25");
  }
}
