package dev.idem.local;

import dev.idem.local.code.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code bin/idem local --watch}: rebuilds the Maven modules whose jars the functions run when a
 * source of the build changes, so that a saved {@code .java} file is serving requests seconds later
 * (the new jar is then picked up by hot reload).
 *
 * <p>A function's code is a Maven module's when it lies in that module's {@code target/} beside its
 * {@code pom.xml}; the build's root is the highest folder above it with a {@code pom.xml}. Every
 * {@code src/main} folder of the build (and every {@code pom.xml}) is polled; a change that holds
 * still for one more poll runs one offline, incremental build of those modules and the modules they
 * depend on: {@code mvnw -o -q -pl MODULES -am package -DskipTests}, with the build's own wrapper
 * where it has one. A failed build prints its first error lines and leaves the running code alone;
 * changes made during a build start another once it ends.
 */
final class SourceBuilds implements AutoCloseable {

  /** One Maven build: its root, the modules to package, the files to watch. */
  record Build(Path root, List<String> modules, List<Path> watched) {}

  private final Build build;
  private final Duration interval;
  private final Consumer<String> console;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Process current;

  private SourceBuilds(Build build, Duration interval, Consumer<String> console) {
    this.build = build;
    this.interval = interval;
    this.console = console;
    this.thread = Thread.ofVirtual().name("idem-source-builds").start(this::loop);
  }

  /**
   * Starts watching the build of {@code codePaths} (the functions' jars), if they come from a Maven
   * build.
   *
   * @return the watcher, or empty (with one line saying why) when no code is a Maven module's
   */
  static Optional<SourceBuilds> start(
      List<Path> codePaths, Duration interval, Consumer<String> console) {
    Optional<Build> build = find(codePaths);
    if (build.isEmpty()) {
      console.accept(
          "watch: no function's code is a Maven module's target/ jar; nothing to rebuild");
      return Optional.empty();
    }
    console.accept(
        "watch    "
            + build.get().root()
            + ": a saved source rebuilds "
            + String.join(",", build.get().modules())
            + " (offline, incremental), then hot reload");
    return Optional.of(new SourceBuilds(build.get(), interval, console));
  }

  /** The Maven build of these functions' code, if any. */
  static Optional<Build> find(List<Path> codePaths) {
    Path root = null;
    Set<String> modules = new LinkedHashSet<>();
    for (Path code : codePaths) {
      Path absolute = code.toAbsolutePath().normalize();
      Path target = absolute.getParent();
      if (target == null || !target.getFileName().toString().equals("target")) {
        continue;
      }
      Path module = target.getParent();
      if (module == null || !Files.isRegularFile(module.resolve("pom.xml"))) {
        continue;
      }
      Path top = module;
      while (top.getParent() != null && Files.isRegularFile(top.getParent().resolve("pom.xml"))) {
        top = top.getParent();
      }
      if (root != null && !root.equals(top)) {
        continue; // one build is watched: the first function's
      }
      root = top;
      modules.add(top.equals(module) ? "." : top.relativize(module).toString());
    }
    if (root == null) {
      return Optional.empty();
    }
    return Optional.of(new Build(root, List.copyOf(modules), watched(root)));
  }

  /** Every {@code src/main} folder and {@code pom.xml} of the build, outside {@code target/}. */
  private static List<Path> watched(Path root) {
    List<Path> watched = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root, 4)) {
      paths
          .filter(path -> !path.toString().contains("/target/"))
          .filter(path -> !path.toString().contains("/node_modules/"))
          .filter(path -> !path.toString().contains("/."))
          .filter(path ->
              (path.endsWith(Path.of("src", "main")) && Files.isDirectory(path))
                  || path.getFileName().toString().equals("pom.xml"))
          .forEach(watched::add);
    } catch (IOException e) {
      watched.add(root.resolve("pom.xml"));
    }
    return List.copyOf(watched);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    Process process = current;
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private void loop() {
    String seen = fingerprint();
    String pending = null;
    while (running) {
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      String now = fingerprint();
      if (now.equals(seen)) {
        pending = null;
      } else if (now.equals(pending)) {
        seen = now;
        pending = null;
        runBuild();
      } else {
        pending = now;
      }
    }
  }

  /** Runs one build, printing how it went; the running code stays as it is when it fails. */
  void runBuild() {
    long begin = System.nanoTime();
    List<String> command = new ArrayList<>(mavenCommand());
    command.addAll(List.of("-o", "-q", "-B"));
    if (!build.modules().equals(List.of("."))) {
      command.addAll(List.of("-pl", String.join(",", build.modules()), "-am"));
    }
    command.addAll(List.of("package", "-DskipTests", "-Dspotless.check.skip=true"));
    console.accept("watch: sources changed, rebuilding " + String.join(",", build.modules()));
    try {
      Path log = Files.createTempFile("idem-watch-build", ".log");
      try {
        current =
            new ProcessBuilder(command)
                .directory(build.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        current.getOutputStream().close();
        boolean ended = current.waitFor(10, TimeUnit.MINUTES);
        long millis = (System.nanoTime() - begin) / 1_000_000;
        if (ended && current.exitValue() == 0) {
          console.accept("watch: rebuilt in " + millis + " ms");
        } else {
          console.accept(
              "watch: build failed after " + millis + " ms; still running the last code");
          firstErrors(log).forEach(line -> console.accept("watch:   " + line));
        }
      } finally {
        current = null;
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      console.accept("watch: cannot run " + command.getFirst() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<String> mavenCommand() {
    Path wrapper = build.root().resolve("mvnw");
    if (Files.isExecutable(wrapper)) {
      return List.of(wrapper.toString());
    }
    return List.of("mvn");
  }

  private static List<String> firstErrors(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.startsWith("[ERROR]"))
        .limit(5)
        .toList();
  }

  /** What identifies the watched sources' content now (see {@link FileTrees}). */
  private String fingerprint() {
    return FileTrees.fingerprint(build.watched());
  }
}
