package dev.idem.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Local clouds for the end-to-end tests: the repository's template, seed and functions jar, free
 * ports, and a console kept in memory and in {@code target/local-cloud/<name>.log}.
 */
final class TestClouds {

  /** The repository's root (tests run in {@code local/}). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private TestClouds() {}

  /**
   * Options for a cloud named {@code name}: the repository's template, free ports, and at most 3
   * instances per function. Ten instances starting at once on a 2-core machine (each its own JVM)
   * can outlast a 10 s function timeout under load; with 3, the rest of a burst gets 429s and
   * retries, as clients of a throttled function do.
   */
  static LocalCloud.Options options(String name, Console console) {
    return LocalCloud.Options.builder()
        .project(ROOT.resolve("template.yaml"))
        .seed(ROOT.resolve("seed/catalog.json"))
        .freePorts()
        .concurrencyLimit(3)
        .console(console)
        .build();
  }

  /**
   * Options for a cloud named {@code name} of the resources in {@code yaml} only (no functions: it
   * is ready in a few seconds), written to {@code template.yaml} in {@code dir}; free ports.
   */
  static LocalCloud.Options resourcesOnly(Path dir, String name, String yaml) {
    try {
      return LocalCloud.Options.builder()
          .template(Files.writeString(dir.resolve("template.yaml"), yaml))
          .freePorts()
          .console(new Console(name))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The console of one cloud: every line, kept and written to a log file. */
  static final class Console implements Consumer<String> {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final BufferedWriter file;

    Console(String name) {
      try {
        Path dir = Files.createDirectories(Path.of("target", "local-cloud"));
        file = Files.newBufferedWriter(dir.resolve(name + ".log"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void accept(String line) {
      lines.add(line);
      synchronized (file) {
        try {
          file.write(line);
          file.newLine();
          file.flush();
        } catch (IOException e) {
          // The log file is for reading after a failure; the lines are still kept.
        }
      }
    }

    List<String> lines() {
      return List.copyOf(lines);
    }
  }
}
