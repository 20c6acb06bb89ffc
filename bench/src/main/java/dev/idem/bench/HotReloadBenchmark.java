package dev.idem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.LocalCloud;
import dev.idem.local.lambda.InvocationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Hot reload as a developer meets it: a small Maven project (a handler answering its version) in a
 * temporary folder, run by the local cloud from its SAM template with {@code --watch}, two clients
 * invoking it without pause, and then {@code --changes} new jars dropped in place of the built one
 * (jar swap: the jar's rename to the first response of the new code) and {@code --changes} edits of
 * its source file (source save: the save to the first response of the new code, through the offline
 * incremental Maven build). Every failed invocation is counted.
 */
final class HotReloadBenchmark {

  /**
   * @param changes jar swaps, and source saves, each
   */
  record Config(int changes) {
    static Config parse(List<String> args) {
      return new Config(Args.parse(args, Set.of("changes")).number("changes", 10, 1));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CHANGE_DEADLINE = Duration.ofMinutes(2);
  private static final String HANDLER = "hot.VersionHandler";

  private final Config config;
  private final PrintStream out;
  private final PrintStream progress;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile int lastVersion;
  private volatile long lastVersionNanos;
  private Path project;

  HotReloadBenchmark(Config config, PrintStream out, PrintStream progress) {
    this.config = config;
    this.out = out;
    this.progress = progress;
  }

  /** Runs the benchmark and prints its report; the last line is one JSON object. */
  void run() throws Exception {
    ProjectFiles files = ProjectFiles.locate();
    project = Files.createTempDirectory("idem-hot-reload-");
    try {
      writeProject(files.root());
      progress.println("idem bench: building the sample project (offline Maven)");
      build();
      List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
      LocalCloud.Options options =
          LocalCloud.Options.builder()
              .project(project.resolve("template.yaml"))
              .freePorts()
              .seed(null)
              .console(console::add)
              .aotCache(project.resolve("aot"))
              .watchSources(true)
              .build();
      long begin = System.nanoTime();
      List<Long> swaps = new ArrayList<>();
      List<Long> saves = new ArrayList<>();
      try (LocalCloud cloud = LocalCloud.start(options);
          ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
        AtomicBoolean flowing = new AtomicBoolean(true);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          running.add(clients.submit(() -> invokeWhile(cloud, flowing)));
        }
        awaitVersion(1);
        for (int i = 0; i < config.changes(); i++) {
          int version = 100 + i;
          progress.printf(Locale.ROOT, "idem bench: jar swap %d of %d%n", i + 1, config.changes());
          Path jar = versionJar(version);
          long t0 = System.nanoTime();
          Files.move(
              jar,
              project.resolve("target/hot-app.jar"),
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
          swaps.add(awaitVersion(version) - t0);
        }
        for (int i = 0; i < config.changes(); i++) {
          int version = 200 + i;
          progress.printf(
              Locale.ROOT, "idem bench: source save %d of %d%n", i + 1, config.changes());
          long t0 = System.nanoTime();
          Files.writeString(source(), handlerSource(version));
          saves.add(awaitVersion(version) - t0);
        }
        flowing.set(false);
        for (Future<?> client : running) {
          client.get(1, TimeUnit.MINUTES);
        }
      }
      print(swaps, saves, Duration.ofNanos(System.nanoTime() - begin));
    } finally {
      deleteTree(project);
    }
  }

  private Void invokeWhile(LocalCloud cloud, AtomicBoolean flowing) throws Exception {
    while (flowing.get()) {
      InvocationResult result =
          cloud.lambda().invoke("HotFunction", "{}".getBytes(StandardCharsets.UTF_8));
      requests.incrementAndGet();
      if (result.status() != InvocationResult.Status.OK) {
        failed.incrementAndGet();
        failures.add(result.status() + " " + result.payloadText());
        continue;
      }
      int version = JSON.readTree(result.payload()).path("version").asInt();
      if (version != lastVersion) {
        synchronized (this) {
          if (version > lastVersion) {
            lastVersion = version;
            lastVersionNanos = System.nanoTime();
            notifyAll();
          }
        }
      }
    }
    return null;
  }

  /** Waits for the first response of {@code version}: when it came ({@link System#nanoTime()}). */
  private synchronized long awaitVersion(int version) throws InterruptedException {
    long deadline = System.nanoTime() + CHANGE_DEADLINE.toNanos();
    while (lastVersion < version) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new IllegalStateException(
            "Version "
                + version
                + " did not answer within "
                + CHANGE_DEADLINE
                + "; last "
                + lastVersion);
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return lastVersionNanos;
  }

  private void print(List<Long> swaps, List<Long> saves, Duration took) {
    out.printf(
        Locale.ROOT,
        "Hot reload: %d jar swaps and %d source saves while 2 clients invoked without pause;"
            + " Java %s, %d CPUs; %.0f s%n",
        swaps.size(),
        saves.size(),
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        took.toMillis() / 1000.0);
    out.println(
        "jar swap: the new jar renamed into place -> first response of the new code;"
            + " source save: the .java file written -> first response of the new code (offline"
            + " incremental Maven build, then hot reload); ms");
    Table table = new Table("LRRRR", "change", "n", "p50", "min", "max");
    table.row(
        "jar swap", Integer.toString(swaps.size()), ms(p50(swaps)), ms(min(swaps)), ms(max(swaps)));
    table.row(
        "source save",
        Integer.toString(saves.size()),
        ms(p50(saves)),
        ms(min(saves)),
        ms(max(saves)));
    out.print(table.render());
    out.printf(
        Locale.ROOT,
        "requests %d, failed %d (aim: 0); aims: jar swap <= 1 s + one instance start, source"
            + " save <= 10 s%n",
        requests.get(),
        failed.get());
    failures.stream().limit(5).forEach(line -> out.println("  failed: " + line));
    out.println(
        new JsonLine()
            .number("jar_swap_p50_ms", p50(swaps) / 1_000_000)
            .number("jar_swap_max_ms", max(swaps) / 1_000_000)
            .number("source_save_p50_ms", p50(saves) / 1_000_000)
            .number("source_save_max_ms", max(saves) / 1_000_000)
            .number("failed_requests", failed.get())
            .number("requests", requests.get())
            .number("changes", swaps.size() + saves.size()));
  }

  private void writeProject(Path repository) throws IOException {
    Files.createDirectories(project.resolve("src/main/java/hot"));
    Files.writeString(source(), handlerSource(1));
    Files.copy(repository.resolve("mvnw"), project.resolve("mvnw"));
    project.resolve("mvnw").toFile().setExecutable(true);
    copyTree(repository.resolve(".mvn"), project.resolve(".mvn"));
    Files.writeString(
        project.resolve("template.yaml"),
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          HotFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: target/hot-app.jar
              Handler: hot.VersionHandler
              Runtime: java21
              MemorySize: 256
              Timeout: 20
        """);
    Files.writeString(project.resolve("pom.xml"), pom());
  }

  /** The sample's pom, with the plugin versions this repository's build has already fetched. */
  private static String pom() throws IOException {
    // the version folder of the aws-lambda-java-core jar this build resolved: offline, it is there
    String core;
    try {
      core =
          Path.of(
                  com.amazonaws.services.lambda.runtime.RequestHandler.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .getParent()
              .getFileName()
              .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    return """
    <?xml version="1.0" encoding="UTF-8"?>
    <project xmlns="http://maven.apache.org/POM/4.0.0">
      <modelVersion>4.0.0</modelVersion>
      <groupId>bench.hot</groupId>
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
          <plugin><artifactId>maven-clean-plugin</artifactId><version>3.4.1</version></plugin>
          <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.4</version></plugin>
        </plugins>
      </build>
    </project>
    """
        .formatted(core);
  }

  private void build() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                project.resolve("mvnw").toString(), "-o", "-q", "-B", "package", "-DskipTests")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(project.resolve("build.log").toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(
          "The sample project did not build offline:\n"
              + Files.readString(project.resolve("build.log")));
    }
  }

  private Path source() {
    return project.resolve("src/main/java/hot/VersionHandler.java");
  }

  private static String handlerSource(int version) {
    return """
    package hot;

    import com.amazonaws.services.lambda.runtime.Context;
    import com.amazonaws.services.lambda.runtime.RequestHandler;
    import java.util.Map;

    public class VersionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
      @Override
      public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Map.of("version", %d);
      }
    }
    """
        .formatted(version);
  }

  /** A jar of the handler at {@code version}, compiled here (javax.tools), outside target/. */
  private Path versionJar(int version) throws Exception {
    Path dir = Files.createDirectories(project.resolve("swaps/v" + version));
    Path src = dir.resolve("VersionHandler.java");
    Files.writeString(src, handlerSource(version));
    String core =
        Path.of(
                com.amazonaws.services.lambda.runtime.RequestHandler.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "--release",
                "21",
                "-cp",
                core,
                "-d",
                dir.toString(),
                src.toString());
    if (status != 0) {
      throw new IllegalStateException("javac failed for version " + version);
    }
    Path jar = project.resolve("target/hot-app.jar.v" + version);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(HANDLER.replace('.', '/') + ".class"));
      Files.copy(dir.resolve("hot/VersionHandler.class"), out);
      out.closeEntry();
    }
    return jar;
  }

  private static long p50(List<Long> values) {
    return Stats.percentile(values.stream().mapToLong(Long::longValue).toArray(), 50);
  }

  private static long min(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).min().orElse(0);
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private static String ms(long nanos) {
    return Long.toString(nanos / 1_000_000);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
