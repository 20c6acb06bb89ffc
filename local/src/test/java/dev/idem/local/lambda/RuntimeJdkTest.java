package dev.idem.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuntimeJdkTest {

  private static RuntimeJdk on(String runtime, int jdk) {
    return new RuntimeJdk(LambdaJava.of(runtime), new Jdk(Path.of("/jdk" + jdk), jdk));
  }

  @Test
  void options_ownJdk_lambdasFlagsOnly() {
    assertThat(on("java17", 17).options())
        .containsExactly(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "--enable-native-access=ALL-UNNAMED");
    assertThat(on("java8.al2", 8).options()).doesNotContain("--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void options_java11OnJdk17_opensJavaBaseButNoUnsafeOption() {
    RuntimeJdk java11 = on("java11", 17);

    assertThat(java11.options())
        .contains(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED")
        .doesNotContain("--sun-misc-unsafe-memory-access=allow");
    assertThat(java11.describe())
        .isEqualTo(
            "java11 functions run on JDK 17 (/jdk17; none installed for 11) with --add-opens of 17"
                + " JDK 8 packages (java.lang, java.util, ...)");
  }

  @Test
  void options_olderRuntimesOnJdk25_unsafeMemoryAccessAllowed() {
    assertThat(on("java21", 25).compatibility())
        .containsExactly("--sun-misc-unsafe-memory-access=allow");
    assertThat(on("java17", 25).compatibility())
        .containsExactly("--sun-misc-unsafe-memory-access=allow");
    assertThat(on("java25", 25).compatibility()).isEmpty();
  }

  @Test
  void lambdaJava_runtimes_environmentAndClassVersion() {
    assertThat(LambdaJava.of("java17").executionEnv()).isEqualTo("AWS_Lambda_java17");
    assertThat(LambdaJava.of("java8.al2").executionEnv()).isEqualTo("AWS_Lambda_java8.al2");
    assertThat(LambdaJava.of("java11").maxClassVersion()).isEqualTo(55);
    assertThat(LambdaJava.of("java25").maxClassVersion()).isEqualTo(69);
    assertThat(LambdaJava.names())
        .containsExactly("java8.al2", "java11", "java17", "java21", "java25");
  }
}
