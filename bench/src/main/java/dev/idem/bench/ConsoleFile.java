package dev.idem.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The local cloud's console written to a file, every line (one per invocation, one per injected
 * fault), and passed on to {@code next}. Thread-safe.
 */
final class ConsoleFile implements Consumer<String>, AutoCloseable {

  private final BufferedWriter file;
  private final Consumer<String> next;

  private ConsoleFile(BufferedWriter file, Consumer<String> next) {
    this.file = file;
    this.next = next;
  }

  /** Writes to {@code path}, replacing what it held. */
  static ConsoleFile open(Path path, Consumer<String> next) throws IOException {
    return new ConsoleFile(Files.newBufferedWriter(path), next);
  }

  @Override
  public void accept(String line) {
    next.accept(line);
    synchronized (file) {
      try {
        file.write(line);
        file.newLine();
      } catch (IOException e) {
        // The file is for reading after a run; the tail still has the last lines.
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (file) {
      file.close();
    }
  }
}
