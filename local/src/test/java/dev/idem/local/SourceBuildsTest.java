package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceBuildsTest {

  @TempDir Path root;

  @Test
  void find_jarInAModulesTarget_theTopPomIsTheRootAndTheModuleIsBuilt() throws Exception {
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Path module = Files.createDirectories(root.resolve("functions/target"));
    Files.writeString(root.resolve("functions/pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("functions/src/main/java"));
    Files.createDirectories(root.resolve("events/src/main/java"));

    SourceBuilds.Build build =
        SourceBuilds.find(List.of(module.resolve("functions.jar"))).orElseThrow();

    assertThat(build.root()).isEqualTo(root);
    assertThat(build.modules()).containsExactly("functions");
    assertThat(build.watched())
        .contains(
            root.resolve("pom.xml"),
            root.resolve("functions/pom.xml"),
            root.resolve("functions/src/main"),
            root.resolve("events/src/main"));
  }

  @Test
  void find_singleModuleProject_buildsTheRoot() throws Exception {
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("target"));

    SourceBuilds.Build build =
        SourceBuilds.find(List.of(root.resolve("target/app.jar"))).orElseThrow();

    assertThat(build.root()).isEqualTo(root);
    assertThat(build.modules()).containsExactly(".");
  }

  @Test
  void find_jarOutsideAnyMavenModule_none() throws Exception {
    Path dist = Files.createDirectories(root.resolve("dist"));

    assertThat(SourceBuilds.find(List.of(dist.resolve("app.jar")))).isEmpty();
    assertThat(SourceBuilds.find(List.of(root.resolve("target/app.jar")))).isEmpty();
  }
}
