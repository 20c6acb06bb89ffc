package dev.idem.local.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  /** An {@code mvn} on a PATH of its own: the script given, run by {@code sh}. */
  private Map<String, String> pathWithMaven(String script) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    return Map.of("PATH", bin + ":/usr/bin:/bin");
  }

  @Test
  void runtimeDependencies_mavenOnThePath_itsOfflineClasspathThenCached() throws Exception {
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Path a = Files.writeString(dir.resolve("a.jar"), "");
    Path b = Files.writeString(dir.resolve("b.jar"), "");
    Map<String, String> env =
        pathWithMaven(
            "echo \"$@\" > "
                + dir.resolve("args.txt")
                + "\nfor arg; do case $arg in -Dmdep.outputFile=*) printf '"
                + a
                + ":"
                + b
                + "' > ${arg#-Dmdep.outputFile=};; esac; done\n");

    MavenClasspath maven = new MavenClasspath(env, dir.resolve("m2"));
    MavenClasspath.Resolved first = maven.runtimeDependencies(module);
    Files.delete(dir.resolve("args.txt"));
    MavenClasspath.Resolved second = maven.runtimeDependencies(module);

    assertThat(first.jars()).containsExactly(a, b);
    assertThat(first.how()).startsWith("(resolved offline in ");
    assertThat(second.jars()).containsExactly(a, b);
    assertThat(second.how()).isEqualTo("(cached)");
    assertThat(dir.resolve("args.txt")).doesNotExist();
  }

  @Test
  void runtimeDependencies_mavenFails_oneLineWithItsFirstError() throws Exception {
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Map<String, String> env =
        pathWithMaven(
            "echo '[INFO] Scanning'\necho '[ERROR] Failed to execute goal on project t: Cannot"
                + " access central in offline mode -> [Help 1]'\necho '[ERROR] more'\nexit 1\n");

    assertThatThrownBy(() -> new MavenClasspath(env, dir.resolve("m2")).runtimeDependencies(module))
        .isInstanceOf(CodeLayoutException.class)
        .hasMessage(
            "cannot resolve the runtime dependencies of "
                + module.resolve("pom.xml")
                + " offline ("
                + dir.resolve("bin/mvn")
                + "): Failed to execute goal on project t: Cannot access central in offline mode");
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
