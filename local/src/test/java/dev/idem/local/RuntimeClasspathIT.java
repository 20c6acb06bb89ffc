package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code bin/idem local} runs on: the runtime class path Maven writes at package time ({@code
 * target/classpath.txt}), read after packaging (an IT). No test framework belongs there.
 */
class RuntimeClasspathIT {

  private static final List<String> TEST_FRAMEWORKS =
      List.of(
          "junit",
          "opentest4j",
          "apiguardian",
          "assertj",
          "testcontainers",
          "hamcrest",
          "jqwik",
          "mockito",
          "objenesis");

  @Test
  void runtimeClasspath_holdsNoTestFramework() throws Exception {
    List<String> jars =
        Arrays.stream(
                Files.readString(Path.of("target", "classpath.txt"))
                    .trim()
                    .split(File.pathSeparator))
            .map(entry -> Path.of(entry).getFileName().toString())
            .toList();

    assertThat(jars).isNotEmpty().anyMatch(jar -> jar.startsWith("idem-testing"));
    assertThat(jars)
        .noneMatch(jar ->
            TEST_FRAMEWORKS.stream().anyMatch(jar.toLowerCase(java.util.Locale.ROOT)::contains));
  }
}
