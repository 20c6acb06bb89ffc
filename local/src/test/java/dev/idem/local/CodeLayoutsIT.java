package dev.idem.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.code.LayoutApps;
import dev.idem.local.lambda.InvocationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SAM template whose functions come in every code layout {@code sam build} and Lambda handle,
 * each app built here from {@link LayoutApps}' sources: a Lambda zip, a folder, a layer, an
 * unshaded Maven module (its dependencies resolved offline from the local repository), a Gradle
 * distribution and {@code .aws-sam/build}.
 */
class CodeLayoutsIT {

  @TempDir static Path project;

  private static TestClouds.Console console;
  private static LocalCloud cloud;

  @BeforeAll
  static void start() throws Exception {
    buildApps();
    LayoutApps.write(project.resolve("template.yaml"), TEMPLATE);
    console = new TestClouds.Console("CodeLayoutsIT");
    LocalCloudMain.Parsed parsed =
        LocalCloudMain.parse(
            List.of(
                "--template",
                project.resolve("template.yaml").toString(),
                "--edge-port",
                "0",
                "--api-port",
                "0"),
            Map.of(),
            TestClouds.ROOT,
            console);
    cloud = LocalCloud.start(parsed.options());
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void invoke_lambdaZipOfClassesAndLib_runsWithItsLib() {
    assertThat(invoke("ZipFunction")).isEqualTo("\"AWS_Lambda_java21 25 from zip lib\"");
  }

  @Test
  void invoke_folderOfClassesAndLib_runsWithItsLib() {
    assertThat(invoke("FolderFunction")).isEqualTo("\"AWS_Lambda_java21 25 from folder lib\"");
  }

  @Test
  void invoke_classFromALayer_loadedFromTheLayersJavaLib() {
    assertThat(invoke("LayeredFunction")).isEqualTo("\"AWS_Lambda_java21 25 from layer\"");
  }

  @Test
  void invoke_unshadedMavenModule_dependenciesFromTheLocalRepository() {
    assertThat(invoke("MavenFunction")).isEqualTo("\"{\\\"jackson\\\":\\\"yes\\\"}\"");
  }

  @Test
  void invoke_gradleInstallDist_runsOnItsLibInScriptOrder() {
    assertThat(invoke("GradleFunction")).isEqualTo("\"AWS_Lambda_java21 25 from gradle\"");
  }

  @Test
  void invoke_samBuildOutputBesideTheTemplate_runsTheBuiltCode() {
    assertThat(invoke("SamBuiltFunction")).isEqualTo("\"AWS_Lambda_java21 25 from sam build\"");
  }

  @Test
  void start_layouts_namedInTheBanner() {
    assertThat(console.lines())
        .anySatisfy(line ->
            assertThat(line)
                .startsWith("code     ")
                .contains("ZipFunction: zip of classes and 1 jar in lib/")
                .contains("MavenFunction: Maven module + 4 dependencies (")
                .contains("LayeredFunction: folder of classes + 1 layer")
                .contains("SamBuiltFunction: sam build folder of classes and 1 jar in lib/")
                .contains("GradleFunction: Gradle installDist, 2 jars"));
  }

  @Test
  void run_codeUriWithNothingRunnable_exit2WithOneLineNamingTheFunction() throws Exception {
    Path other = Files.createDirectories(project.resolve("other"));
    Files.createDirectories(other.resolve("src/main/java"));
    LayoutApps.write(
        other.resolve("template.yaml"),
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Unbuilt:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java21
              CodeUri: src
              Handler: app.Probe::handle
        """);
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

    int status =
        LocalCloudMain.run(
            new String[] {
              "--template",
              other.resolve("template.yaml").toString(),
              "--edge-port",
              "0",
              "--api-port",
              "0"
            },
            Map.of(),
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new java.io.PrintStream(err, true, UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(UTF_8))
        .isEqualTo(
            "idem local: Unbuilt code: no code in the folder "
                + other.resolve("src")
                + ": looked for a pom.xml, a build.gradle, classes or lib/*.jar, and one jar in it"
                + " or in its target/"
                + System.lineSeparator());
  }

  private static String invoke(String function) {
    InvocationResult result = cloud.lambda().invoke(function, "{}".getBytes(UTF_8));
    assertThat(result.status())
        .as("%s: %s", function, result.logTail())
        .isEqualTo(InvocationResult.Status.OK);
    return result.payloadText();
  }

  private static void buildApps() throws Exception {
    Path probe = classes(21, Map.of("app.Probe", LayoutApps.PROBE));
    // A Lambda zip: classes at the root, libraries in lib/.
    Path zipLib =
        LayoutApps.greetingJar(project.resolve("work/zip-lib/greeting.jar"), "from zip lib");
    LayoutApps.zip(
        project.resolve("build/probe.zip"), Map.of("", probe, "lib/", zipLib.getParent()));
    // The same as a folder.
    Path folder = LayoutApps.copy(probe, project.resolve("folder"));
    LayoutApps.greetingJar(folder.resolve("lib/greeting.jar"), "from folder lib");
    // Classes only, and a layer with the library in java/lib.
    LayoutApps.copy(probe, project.resolve("layered"));
    LayoutApps.greetingJar(project.resolve("layer/java/lib/greeting.jar"), "from layer");
    mavenModule(project.resolve("maven"));
    gradleProject(project.resolve("gradle"), probe);
    // sam build's output for SamBuiltFunction, whose CodeUri is a source folder without a build.
    Path built = LayoutApps.copy(probe, project.resolve(".aws-sam/build/SamBuiltFunction"));
    LayoutApps.greetingJar(built.resolve("lib/greeting.jar"), "from sam build");
    Files.createDirectories(project.resolve("sam-source/src/main/java"));
  }

  private static Path classes(int release, Map<String, String> sources) throws Exception {
    Path greeting =
        LayoutApps.greetingJar(Files.createTempDirectory("greeting-").resolve("g.jar"), "");
    return LayoutApps.compile(
        Files.createTempDirectory("classes-"), release, List.of(greeting), sources);
  }

  /**
   * An unshaded Maven module: its pom names Jackson and the Lambda core library, its target/ jar
   * holds only its own class, and its wrapper is this repository's.
   */
  private static void mavenModule(Path module) throws Exception {
    Path databind = jarOf(ObjectMapper.class);
    Path core = jarOf(com.amazonaws.services.lambda.runtime.Context.class);
    LayoutApps.write(
        module.resolve("pom.xml"),
        POM.formatted(databind.getParent().getFileName(), core.getParent().getFileName()));
    Path classes =
        LayoutApps.compile(
            Files.createTempDirectory("maven-classes-"),
            21,
            List.of(databind, jarOf(com.fasterxml.jackson.core.JsonFactory.class)),
            Map.of("app.Json", LayoutApps.JACKSON));
    LayoutApps.zip(module.resolve("target/json-app-1.0.jar"), classes, "");
    Files.copy(TestClouds.ROOT.resolve("mvnw"), module.resolve("mvnw"));
    Files.setPosixFilePermissions(
        module.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
    LayoutApps.copy(TestClouds.ROOT.resolve(".mvn/wrapper"), module.resolve(".mvn/wrapper"));
  }

  /**
   * What Gradle's installDist leaves: lib/ with the app's jar and its dependency, a start script.
   */
  private static void gradleProject(Path dir, Path probe) {
    LayoutApps.write(dir.resolve("build.gradle"), "plugins { id 'application' }\n");
    Path home = dir.resolve("build/install/probe");
    LayoutApps.zip(home.resolve("lib/probe-1.0.jar"), probe, "");
    LayoutApps.greetingJar(home.resolve("lib/greeting-2.0.jar"), "from gradle");
    LayoutApps.write(
        home.resolve("bin/probe"),
        "#!/bin/sh\nCLASSPATH=$APP_HOME/lib/probe-1.0.jar:$APP_HOME/lib/greeting-2.0.jar\n");
  }

  private static Path jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static final String POM =
      """
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>example</groupId>
        <artifactId>json-app</artifactId>
        <version>1.0</version>
        <dependencies>
          <dependency>
            <groupId>com.fasterxml.jackson.core</groupId>
            <artifactId>jackson-databind</artifactId>
            <version>%s</version>
          </dependency>
          <dependency>
            <groupId>com.amazonaws</groupId>
            <artifactId>aws-lambda-java-core</artifactId>
            <version>%s</version>
          </dependency>
        </dependencies>
      </project>
      """;

  private static final String TEMPLATE =
      """
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function:
          Runtime: java21
          Handler: app.Probe::handle
          Timeout: 20
      Resources:
        ZipFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: build/probe.zip
        FolderFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: folder
        LayeredFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: layered
            Layers:
              - !Ref GreetingLayer
        GreetingLayer:
          Type: AWS::Serverless::LayerVersion
          Properties:
            ContentUri: layer
            CompatibleRuntimes: [java21]
        MavenFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: maven
            Handler: app.Json::handle
        GradleFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: gradle
        SamBuiltFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: sam-source
      """;
}
