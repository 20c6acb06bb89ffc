package dev.idem.local.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenClasspathTest {

  @TempDir Path dir;

  @Test
  void runtimeDependencies_cacheOfThisPom_readWithoutMaven() throws Exception {
    Path module = Files.createDirectories(dir.resolve("module"));
    String pom = "<project><artifactId>x</artifactId></project>";
    Files.writeString(module.resolve("pom.xml"), pom);
    Path dep = Files.writeString(dir.resolve("dep.jar"), "");
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(pom.getBytes(StandardCharsets.UTF_8)));
    Files.createDirectories(module.resolve("target"));
    Files.write(
        module.resolve("target/" + MavenClasspath.CACHE_FILE),
        List.of("# pom.xml sha-256 " + hash, dep.toString()));

    MavenClasspath.Resolved resolved =
        new MavenClasspath(Map.of("PATH", ""), dir).runtimeDependencies(module);

    assertThat(resolved.jars()).containsExactly(dep);
    assertThat(resolved.how()).isEqualTo("(cached)");
  }

  @Test
  void runtimeDependencies_pomChangedAndNoMaven_oneLineSayingSo() throws Exception {
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Files.createDirectories(module.resolve("target"));
    Files.write(
        module.resolve("target/" + MavenClasspath.CACHE_FILE), List.of("# pom.xml sha-256 old"));

    assertThatThrownBy(
            () -> new MavenClasspath(Map.of("PATH", ""), dir).runtimeDependencies(module))
        .isInstanceOf(CodeLayoutException.class)
        .hasMessage(
            "cannot resolve the dependencies of the Maven module "
                + module
                + ": no mvnw in it or a parent folder, and no mvn on the PATH");
  }

  @Test
  void plugin_versionsInTheLocalRepository_theNewestWithAJar() throws Exception {
    Path plugins = dir.resolve("org/apache/maven/plugins/maven-dependency-plugin");
    for (String version : List.of("3.7.0", "3.10.1", "3.8.1")) {
      Path folder = Files.createDirectories(plugins.resolve(version));
      Files.createFile(folder.resolve("maven-dependency-plugin-" + version + ".jar"));
    }
    Files.createDirectories(plugins.resolve("3.11.0"));

    assertThat(new MavenClasspath(Map.of(), dir).plugin())
        .isEqualTo("org.apache.maven.plugins:maven-dependency-plugin:3.10.1");
    assertThat(new MavenClasspath(Map.of(), dir.resolve("none")).plugin()).isEqualTo("dependency");
  }

  @Test
  void parse_buildClasspathOutput_entriesInOrder() {
    assertThat(MavenClasspath.parse("/r/a.jar:/r/b.jar\n"))
        .containsExactly(Path.of("/r/a.jar"), Path.of("/r/b.jar"));
    assertThat(MavenClasspath.parse("")).isEmpty();
  }
}
