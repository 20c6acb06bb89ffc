package dev.idem.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.code.LayoutApps;
import dev.idem.local.lambda.InvocationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions on each Java runtime run on a JDK of that version where one is installed (this
 * machine's JDK 17 for java17), else on the nearest newer one with the options that keep the
 * runtime's reflective access (java11 on JDK 17); a handler compiled for a newer Java than its
 * runtime fails its init with Lambda's {@code UnsupportedClassVersionError}.
 */
class JavaRuntimesIT {

  @TempDir static Path project;

  private static TestClouds.Console console;
  private static LocalCloud cloud;

  /** The JDK 17 this machine has: the java17 and java11 functions run on it. */
  private static Path jdk17;

  @BeforeAll
  static void start() throws Exception {
    jdk17 =
        dev.idem.local.lambda.Jdks.discover().installed().stream()
            .filter(jdk -> jdk.feature() == 17)
            .map(dev.idem.local.lambda.Jdk::home)
            .findFirst()
            .orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        jdk17 != null, "needs a JDK 17: java17 functions must run on it, java11 ones too");
    jar("java17.jar", 17, "app.Probe", LayoutApps.PROBE, true);
    jar("java11.jar", 11, "app.Reflective", LayoutApps.REFLECTIVE, false);
    jar("java21-for-17.jar", 21, "app.Probe", LayoutApps.PROBE, true);
    jar("java17-for-11.jar", 17, "app.Reflective", LayoutApps.REFLECTIVE, false);
    LayoutApps.write(project.resolve("template.yaml"), TEMPLATE);
    console = new TestClouds.Console("JavaRuntimesIT");
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
  void invoke_java17Function_runsOnJdk17AsJava17() {
    InvocationResult result = invoke("Java17Function");

    assertThat(result.status()).as(result.logTail()).isEqualTo(InvocationResult.Status.OK);
    assertThat(result.payloadText()).isEqualTo("\"AWS_Lambda_java17 17 greeting\"");
  }

  @Test
  void invoke_java11FunctionReflectingIntoJavaBase_runsOnJdk17WithOpenedPackages() {
    InvocationResult result = invoke("Java11Function");

    assertThat(result.status()).as(result.logTail()).isEqualTo(InvocationResult.Status.OK);
    assertThat(result.payloadText()).isEqualTo("\"AWS_Lambda_java11 17 reflective true\"");
  }

  @Test
  void invoke_classesNewerThanJava17OnItsOwnJdk_initFailsWithUnsupportedClassVersion() {
    InvocationResult result = invoke("TooNewFor17Function");

    assertThat(result.status()).isEqualTo(InvocationResult.Status.FUNCTION_ERROR);
    assertThat(result.payloadText())
        .isEqualTo(
            "{\"errorMessage\":\"Error loading class app.Probe: app/Probe has been compiled by a more"
                + " recent version of the Java Runtime (class file version 65.0), this version of"
                + " the Java Runtime only recognizes class file versions up to 61.0\","
                + "\"errorType\":\"java.lang.UnsupportedClassVersionError\"}");
  }

  @Test
  void invoke_classesNewerThanJava11OnANewerJdk_initFailsAsOnJava11() {
    InvocationResult result = invoke("TooNewFor11Function");

    assertThat(result.status()).isEqualTo(InvocationResult.Status.FUNCTION_ERROR);
    assertThat(result.payloadText())
        .isEqualTo(
            "{\"errorMessage\":\"Error loading class app.Reflective: app/Reflective has been compiled"
                + " by a more recent version of the Java Runtime (class file version 61.0), this"
                + " version of the Java Runtime only recognizes class file versions up to 55.0\","
                + "\"errorType\":\"java.lang.UnsupportedClassVersionError\"}");
  }

  @Test
  void start_runtimes_eachNamedWithItsJdkInTheBanner() {
    assertThat(console.lines())
        .contains("runtime  java17 functions run on JDK 17 (" + jdk17 + ")")
        .anySatisfy(line ->
            assertThat(line)
                .startsWith(
                    "runtime  java11 functions run on JDK 17 ("
                        + jdk17
                        + "; none installed for 11) with --add-opens of 17 JDK 8 packages"));
  }

  private static InvocationResult invoke(String function) {
    return cloud.lambda().invoke(function, "{}".getBytes(UTF_8));
  }

  private static void jar(String name, int release, String handler, String source, boolean greeting)
      throws Exception {
    Path lib = LayoutApps.greetingJar(project.resolve("lib/" + name), "greeting");
    Path classes =
        LayoutApps.compile(
            Files.createTempDirectory("runtime-classes-"),
            release,
            List.of(lib),
            Map.of(handler, source));
    if (greeting) {
      LayoutApps.copy(
          LayoutApps.compile(
              Files.createTempDirectory("greeting-"),
              11,
              List.of(),
              Map.of("lib.Greeting", LayoutApps.greeting("greeting"))),
          classes);
    }
    LayoutApps.zip(project.resolve("build/" + name), classes, "");
  }

  private static final String TEMPLATE =
      """
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function:
          Timeout: 20
      Resources:
        Java17Function:
          Type: AWS::Serverless::Function
          Properties:
            Runtime: java17
            CodeUri: build/java17.jar
            Handler: app.Probe::handle
        Java11Function:
          Type: AWS::Serverless::Function
          Properties:
            Runtime: java11
            CodeUri: build/java11.jar
            Handler: app.Reflective::handle
        TooNewFor17Function:
          Type: AWS::Serverless::Function
          Properties:
            Runtime: java17
            CodeUri: build/java21-for-17.jar
            Handler: app.Probe::handle
        TooNewFor11Function:
          Type: AWS::Serverless::Function
          Properties:
            Runtime: java11
            CodeUri: build/java17-for-11.jar
            Handler: app.Reflective::handle
      """;
}
