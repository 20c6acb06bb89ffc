package dev.idem.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.lambda.InvocationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/idem local --watch} on another team's Maven project: a saved source is rebuilt offline
 * and served by the next invocations; a source that does not compile leaves the running code
 * serving and says why.
 */
class WatchSourcesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @TempDir Path project;

  private final List<String> console = new CopyOnWriteArrayList<>();

  @Test
  void start_watchSources_savedSourceServedAndBrokenSourceLeavesTheRunningCode() throws Exception {
    writeProject();
    build();
    LocalCloud.Options options =
        LocalCloud.Options.builder()
            .project(project.resolve("template.yaml"))
            .freePorts()
            .seed(null)
            .console(console::add)
            .aotCache(null)
            .watchSources(true)
            .build();
    try (LocalCloud cloud = LocalCloud.start(options)) {
      assertThat(version(cloud)).isEqualTo(1);
      assertThat(console).anyMatch(line -> line.startsWith("watch    " + project));

      Files.writeString(source(), handler("2"));
      awaitVersion(cloud, 2);

      Files.writeString(source(), handler("not java"));
      await(() -> console.stream().anyMatch(line -> line.startsWith("watch: build failed")));
      assertThat(version(cloud)).isEqualTo(2);
      assertThat(console).anyMatch(line -> line.startsWith("watch:   [ERROR]"));
    }
  }

  private int version(LocalCloud cloud) throws Exception {
    InvocationResult result = cloud.lambda().invoke("HotFunction", "{}".getBytes(UTF_8));
    assertThat(result.status()).as(result.logTail()).isEqualTo(InvocationResult.Status.OK);
    return JSON.readTree(result.payload()).path("version").asInt();
  }

  private void awaitVersion(LocalCloud cloud, int expected) throws Exception {
    Await.until(
        "version " + expected,
        DEADLINE,
        () -> {
          try {
            return version(cloud) == expected;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    Await.until("condition", DEADLINE, condition);
  }

  private Path source() {
    return project.resolve("src/main/java/hot/VersionHandler.java");
  }

  private static String handler(String version) {
    return """
    package hot;

    import com.amazonaws.services.lambda.runtime.Context;
    import com.amazonaws.services.lambda.runtime.RequestHandler;
    import java.util.Map;

    public class VersionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
      @Override
      public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Map.of("version", %s);
      }
    }
    """
        .formatted(version);
  }

  private void writeProject() throws Exception {
    Path repository = TestClouds.ROOT;
    Files.createDirectories(source().getParent());
    Files.writeString(source(), handler("1"));
    Files.copy(
        repository.resolve("mvnw"), project.resolve("mvnw"), StandardCopyOption.COPY_ATTRIBUTES);
    try (Stream<Path> paths = Files.walk(repository.resolve(".mvn"))) {
      for (Path path : paths.toList()) {
        Path target =
            project.resolve(".mvn").resolve(repository.resolve(".mvn").relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
    Files.writeString(
        project.resolve("template.yaml"),
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          HotFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: target/hot-app.jar
              Handler: hot.VersionHandler
              Runtime: java21
              Timeout: 20
        """);
    // the version folder of the aws-lambda-java-core jar this build resolved: offline, it is there
    String core =
        Path.of(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .getParent()
            .getFileName()
            .toString();
    Files.writeString(
        project.resolve("pom.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>test.hot</groupId>
          <artifactId>hot-app</artifactId>
          <version>1</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>21</maven.compiler.release>
          </properties>
          <dependencies>
            <dependency>
              <groupId>com.amazonaws</groupId>
              <artifactId>aws-lambda-java-core</artifactId>
              <version>%s</version>
              <scope>provided</scope>
            </dependency>
          </dependencies>
          <build>
            <finalName>hot-app</finalName>
            <plugins>
              <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
              <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.16.0</version></plugin>
              <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.6.1</version></plugin>
              <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
            </plugins>
          </build>
        </project>
        """
            .formatted(core));
  }

  private void build() throws Exception {
    Process process =
        new ProcessBuilder(project.resolve("mvnw").toString(), "-o", "-q", "-B", "package")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(project.resolve("build.log").toFile())
            .start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(project.resolve("build.log"))).isZero();
  }
}
