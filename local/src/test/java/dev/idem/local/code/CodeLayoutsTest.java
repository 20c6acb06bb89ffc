package dev.idem.local.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeLayoutsTest {

  @TempDir Path dir;

  private CodeLayouts layouts() {
    return new CodeLayouts(
        dir.resolve("extracted"), new MavenClasspath(Map.of(), dir.resolve("m2")));
  }

  private Path classes() throws Exception {
    return LayoutApps.compile(
        dir.resolve("classes"), 11, List.of(), Map.of("lib.Greeting", LayoutApps.greeting("hi")));
  }

  @Test
  void function_jarFileFolderOrTarget_theOneJar() throws Exception {
    Path jar = LayoutApps.zip(dir.resolve("app/app.jar"), classes(), "");
    Path target = Files.createDirectories(dir.resolve("module/target"));
    Path shaded = Files.copy(jar, target.resolve("app-1.0.jar"));
    Files.copy(jar, target.resolve("app-1.0-sources.jar"));

    assertThat(layouts().function(jar).classpath()).containsExactly(jar);
    assertThat(layouts().function(dir.resolve("app")).classpath()).containsExactly(jar);
    assertThat(layouts().function(dir.resolve("module")).classpath()).containsExactly(shaded);
    assertThat(layouts().function(jar).layout()).isEqualTo("jar");
  }

  @Test
  void function_lambdaZip_extractedOnceClassesThenLibJarsByName() throws Exception {
    Path folder = LayoutApps.copy(classes(), dir.resolve("tree"));
    LayoutApps.greetingJar(folder.resolve("lib/b.jar"), "b");
    LayoutApps.greetingJar(folder.resolve("lib/a.jar"), "a");
    Path zip = LayoutApps.zip(dir.resolve("app.zip"), folder, "");

    FunctionCode code = layouts().function(zip);
    Path root = code.classpath().get(0);

    assertThat(code.classpath())
        .containsExactly(root, root.resolve("lib/a.jar"), root.resolve("lib/b.jar"));
    assertThat(root).startsWith(dir.resolve("extracted"));
    assertThat(layouts().function(zip).classpath()).isEqualTo(code.classpath());
    assertThat(code.layout()).isEqualTo("zip of classes and 2 jars in lib/");
    assertThat(code.jarsOnly()).isFalse();
  }

  @Test
  void function_folderOfLibOnly_jarsOnly() throws Exception {
    LayoutApps.greetingJar(dir.resolve("app/lib/greeting.jar"), "hi");

    FunctionCode code = layouts().function(dir.resolve("app"));

    assertThat(code.classpath()).containsExactly(dir.resolve("app/lib/greeting.jar"));
    assertThat(code.jarsOnly()).isTrue();
  }

  @Test
  void function_gradleDistributionZip_itsLibJars() throws Exception {
    Path project = Files.createDirectories(dir.resolve("gradle"));
    Files.writeString(project.resolve("build.gradle.kts"), "plugins { application }\n");
    Path home = dir.resolve("dist/app-1.0");
    LayoutApps.greetingJar(home.resolve("lib/app-1.0.jar"), "app");
    LayoutApps.greetingJar(home.resolve("lib/dep-2.0.jar"), "dep");
    LayoutApps.zip(project.resolve("build/distributions/app-1.0.zip"), home, "app-1.0/");

    FunctionCode code = layouts().function(project);

    assertThat(code.classpath())
        .extracting(path -> path.getFileName().toString())
        .containsExactly("app-1.0.jar", "dep-2.0.jar");
    assertThat(code.layout()).isEqualTo("Gradle distribution app-1.0.zip, 2 jars");
  }

  @Test
  void function_gradleBuildZipInLambdasLayout_classesThenLib() throws Exception {
    Path project = Files.createDirectories(dir.resolve("gradle"));
    Files.writeString(project.resolve("build.gradle"), "task buildZip(type: Zip) {}\n");
    Path tree = LayoutApps.copy(classes(), dir.resolve("tree"));
    LayoutApps.greetingJar(tree.resolve("lib/dep.jar"), "dep");
    LayoutApps.zip(project.resolve("build/distributions/app.zip"), tree, "");

    FunctionCode code = layouts().function(project);

    assertThat(code.layout()).isEqualTo("Gradle zip of classes and 1 jar in lib/");
    assertThat(code.classpath().get(1)).isEqualTo(code.classpath().get(0).resolve("lib/dep.jar"));
  }

  @Test
  void function_gradleProjectWithShadowJar_theShadowJar() throws Exception {
    Path project = Files.createDirectories(dir.resolve("gradle"));
    Files.writeString(project.resolve("build.gradle"), "");
    LayoutApps.greetingJar(project.resolve("build/libs/app-1.0.jar"), "plain");
    Path shadow = LayoutApps.greetingJar(project.resolve("build/libs/app-1.0-all.jar"), "all");

    assertThat(layouts().function(project).classpath()).containsExactly(shadow);
  }

  @Test
  void layer_folderZipOrNothing_javaLibJarsElseSaysWhatItLookedFor() throws Exception {
    Path jar = LayoutApps.greetingJar(dir.resolve("layer/java/lib/greeting.jar"), "layer");
    Path zip = LayoutApps.zip(dir.resolve("layer.zip"), dir.resolve("layer"), "");
    Files.createDirectories(dir.resolve("empty-layer/python"));

    assertThat(layouts().layer(dir.resolve("layer")).classpath()).containsExactly(jar);
    assertThat(layouts().layer(zip).classpath())
        .singleElement()
        .satisfies(path -> assertThat(path.toString()).endsWith("java/lib/greeting.jar"));
    assertThatThrownBy(() -> layouts().layer(dir.resolve("empty-layer")))
        .isInstanceOf(CodeLayoutException.class)
        .hasMessage(
            "no java/lib/*.jar in the layer "
                + dir.resolve("empty-layer")
                + " (the Java runtimes load only those)");
  }

  @Test
  void function_nothingRunnable_oneLineSayingWhatWasLookedFor() throws Exception {
    Files.createDirectories(dir.resolve("src/main/java"));
    Files.writeString(dir.resolve("src/README.md"), "sources only");
    Files.createDirectories(dir.resolve("unbuilt/src"));
    Files.writeString(dir.resolve("unbuilt/pom.xml"), "<project/>");

    assertThatThrownBy(() -> layouts().function(dir.resolve("missing.jar")))
        .isInstanceOf(CodeLayoutException.class)
        .hasMessage("no code at " + dir.resolve("missing.jar") + " (build it first)");
    assertThatThrownBy(() -> layouts().function(dir.resolve("src")))
        .hasMessage(
            "no code in the folder "
                + dir.resolve("src")
                + ": looked for a pom.xml, a build.gradle, classes or lib/*.jar, and one jar in it"
                + " or in its target/");
    assertThatThrownBy(() -> layouts().function(dir.resolve("unbuilt")))
        .hasMessage(
            "the Maven module "
                + dir.resolve("unbuilt")
                + " is not built: no jar or classes in target/ (mvn package)");
    assertThatThrownBy(() -> layouts().function(Files.createDirectories(dir.resolve("g"))))
        .hasMessageStartingWith("no code in the folder");
  }

  @Test
  void function_mavenModuleWithShadedJar_noMavenRun() throws Exception {
    Path module = Files.createDirectories(dir.resolve("shaded/target"));
    Files.writeString(dir.resolve("shaded/pom.xml"), "<project/>");
    Path jar = LayoutApps.greetingJar(module.resolve("app-1.0.jar"), "x");
    Files.copy(jar, module.resolve("original-app-1.0.jar"));

    FunctionCode code = layouts().function(dir.resolve("shaded"));

    assertThat(code.classpath()).containsExactly(jar);
    assertThat(code.layout()).isEqualTo("shaded jar of a Maven module");
  }

  @Test
  void withLayers_inOrderListed_afterTheFunctionsOwnLaterLayerWinsASharedName() {
    FunctionCode own =
        new FunctionCode(
            "folder", Path.of("/app"), List.of(Path.of("/app"), Path.of("/app/lib/x.jar")));
    FunctionCode first =
        new FunctionCode(
            "layer",
            Path.of("/l1"),
            List.of(Path.of("/l1/java/lib/a.jar"), Path.of("/l1/java/lib/shared.jar")));
    FunctionCode second =
        new FunctionCode(
            "layer",
            Path.of("/l2"),
            List.of(Path.of("/l2/java/lib/shared.jar"), Path.of("/l2/java/lib/b.jar")));

    FunctionCode code = own.withLayers(List.of(first, second));

    assertThat(code.classpath())
        .containsExactly(
            Path.of("/app"),
            Path.of("/app/lib/x.jar"),
            Path.of("/l1/java/lib/a.jar"),
            Path.of("/l2/java/lib/shared.jar"),
            Path.of("/l2/java/lib/b.jar"));
    assertThat(code.layout()).isEqualTo("folder + 2 layers");
  }
}
