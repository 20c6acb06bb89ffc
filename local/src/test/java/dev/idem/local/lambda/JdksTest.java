package dev.idem.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdksTest {

  @TempDir Path root;

  private Path jdk(String home, String version) throws Exception {
    Path dir = root.resolve(home);
    Files.createDirectories(dir.resolve("bin"));
    Files.createFile(dir.resolve("bin/java"));
    Files.writeString(
        dir.resolve("release"),
        "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    return dir;
  }

  @Test
  void discover_usualFoldersAndVariables_eachJdkOnceCurrentFirst() throws Exception {
    Path current = jdk("opt/current", "25.0.1");
    jdk("usr/lib/jvm/java-17-openjdk-amd64", "17.0.15");
    Files.createSymbolicLink(
        root.resolve("usr/lib/jvm/java-1.17.0-openjdk-amd64"),
        root.resolve("usr/lib/jvm/java-17-openjdk-amd64"));
    jdk("Library/Java/JavaVirtualMachines/temurin-21.jdk/Contents/Home", "21.0.5");
    jdk("home/.sdkman/candidates/java/11.0.25-tem", "11.0.25");
    jdk("home/.jdks/corretto-1.8.0_432", "1.8.0_432");
    Path runner = jdk("hostedtoolcache/Java_Temurin-Hotspot_jdk/24.0.2/x64", "24.0.2");
    jdk("usr/lib/jvm/broken-no-release", "0").resolve("release").toFile().delete();

    Jdks jdks =
        Jdks.discover(
            Map.of("JAVA_HOME_24_X64", runner.toString()), root.resolve("home"), root, current);

    assertThat(jdks.installed()).extracting(Jdk::feature).containsExactly(25, 24, 17, 21, 11, 8);
    assertThat(jdks.installed().get(2).home())
        .isEqualTo(root.resolve("usr/lib/jvm/java-17-openjdk-amd64").toRealPath());
  }

  @Test
  void forRuntime_exactElseNearestNewerElseNone() throws Exception {
    Jdks jdks =
        new Jdks(
            java.util.List.of(
                new Jdk(Path.of("/jdk25"), 25),
                new Jdk(Path.of("/jdk17"), 17),
                new Jdk(Path.of("/jdk21"), 21)));

    assertThat(jdks.forRuntime(LambdaJava.of("java17")).orElseThrow().jdk().feature())
        .isEqualTo(17);
    assertThat(jdks.forRuntime(LambdaJava.of("java11")).orElseThrow().jdk().feature())
        .isEqualTo(17);
    assertThat(jdks.forRuntime(LambdaJava.of("java21")).orElseThrow().exact()).isTrue();
    assertThat(
            new Jdks(java.util.List.of(new Jdk(Path.of("/jdk17"), 17)))
                .forRuntime(LambdaJava.of("java21")))
        .isEmpty();
  }

  @Test
  void feature_releaseFileVersions_theFeatureNumber() {
    assertThat(Jdk.feature("JAVA_VERSION=\"17.0.15\"\n")).contains(17);
    assertThat(Jdk.feature("IMPLEMENTOR=\"Oracle\"\nJAVA_VERSION=\"1.8.0_432\"\n")).contains(8);
    assertThat(Jdk.feature("JAVA_VERSION=\"25\"")).contains(25);
    assertThat(Jdk.feature("JAVA_VERSION=\"26-ea\"")).contains(26);
    assertThat(Jdk.feature("JAVA_RUNTIME_VERSION=\"17.0.15+6\"")).isEmpty();
  }
}
