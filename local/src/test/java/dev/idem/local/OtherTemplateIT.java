package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.otherapp.HelloHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another team's template run with {@code --template}: {@code templates/other/template.yaml} and
 * its handlers' own jar (the {@code otherapp} test classes), in a folder of their own.
 */
class OtherTemplateIT {

  private static final String APP_PACKAGE = "dev/idem/local/otherapp/";

  @TempDir static Path project;

  private static TestClouds.Console console;
  private static LocalCloud cloud;

  @BeforeAll
  static void start() throws Exception {
    Path template = project.resolve("template.yaml");
    try (InputStream yaml =
        OtherTemplateIT.class.getResourceAsStream("/templates/other/template.yaml")) {
      Files.copy(yaml, template);
    }
    buildJar(Files.createDirectories(project.resolve("build")).resolve("other-app-1.0.jar"));
    console = new TestClouds.Console("OtherTemplateIT");
    LocalCloudMain.Parsed parsed =
        LocalCloudMain.parse(
            List.of(
                "--template",
                template.toString(),
                "--parameter",
                "Greeting=Hi",
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
  void start_otherTemplate_itsOwnResourcesNoStubsNoSeedAlarmReported() {
    assertThat(cloud.stubUrl("payments")).isEmpty();
    assertThat(cloud.stubUrl("notifications")).isEmpty();
    assertThat(cloud.clients().dynamoDb().listTables().tableNames()).isEmpty();
    assertThat(console.lines())
        .anySatisfy(line ->
            assertThat(line)
                .startsWith("not emulated: resources AWS::CloudWatch::Alarm (JobsBacklogAlarm)")
                .contains("Policies (JobWorkerFunction.Policies)"))
        .noneMatch(line -> line.startsWith("seeded"));
  }

  @Test
  void api_helloRoute_answeredByItsFunctionWithItsEnvironment() {
    HttpResponse<String> response = Http.get(cloud.apiUrl().orElseThrow().resolve("/hello/ada"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "Hi, ada! from HelloFunction, jobs go to "
                + cloud.awsEndpoint()
                + "/000000000000/other-jobs");
  }

  @Test
  void sqsEvent_messageOnItsQueue_reachesTheWorker() {
    cloud
        .clients()
        .sqs()
        .sendMessage(r -> r.queueUrl(cloud.stack().ids().ref("JobsQueue")).messageBody("job-7"));

    Await.until(
        "the worker's log line",
        Duration.ofSeconds(60),
        () -> console.lines().contains("[other-job-worker#1] worked on job-7"));
  }

  /** The {@code otherapp} classes, and nothing else of the tests, as a jar. */
  private static void buildJar(Path jar) throws IOException, URISyntaxException {
    Path classes =
        Path.of(HelloHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes.resolve(APP_PACKAGE))) {
      for (Path classFile : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
        Files.copy(classFile, out);
        out.closeEntry();
      }
    }
  }
}
