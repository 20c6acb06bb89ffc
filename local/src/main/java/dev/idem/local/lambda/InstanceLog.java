package dev.idem.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An instance's stdout and stderr. The process writes them to a file rather than a pipe: every byte
 * written before the instance posts its response is then in the file when the response arrives, so
 * an invocation's log is exactly the file's range between two sizes, with no race against a reader
 * thread. A virtual thread follows the file and copies complete lines, prefixed, to the console.
 */
final class InstanceLog implements AutoCloseable {

  private static final Duration FOLLOW_INTERVAL = Duration.ofMillis(100);

  private final Path file;
  private final String prefix;
  private final Consumer<String> console;
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private final Thread follower;
  private long printed;
  private volatile boolean closed;

  InstanceLog(Path file, String prefix, Consumer<String> console) {
    this.file = file;
    this.prefix = prefix;
    this.console = console;
    try {
      Files.write(file, new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the instance log " + file, e);
    }
    this.follower = Thread.ofVirtual().name("log " + prefix).start(this::follow);
  }

  Path file() {
    return file;
  }

  /**
   * Adds text of the local cloud's own, as the instance's output (appends, as the process does).
   */
  void append(String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the instance log " + file, e);
    }
  }

  long size() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return printed;
    }
  }

  /** The bytes in {@code [from, to)}, at most the last {@code max} of them, as text. */
  String text(long from, long to, int max) {
    long start = Math.max(from, to - max);
    if (start >= to) {
      return "";
    }
    byte[] bytes = read(start, (int) (to - start));
    int first = 0;
    while (start > from && first < bytes.length && (bytes[first] & 0xC0) == 0x80) {
      first++; // cut at a character boundary, not inside one
    }
    return new String(bytes, first, bytes.length - first, StandardCharsets.UTF_8);
  }

  /** Copies the complete lines written since the last call to the console. */
  synchronized void pump() {
    long size = size();
    if (size <= printed) {
      return;
    }
    byte[] bytes = read(printed, (int) Math.min(size - printed, 1 << 20));
    printed += bytes.length;
    for (byte b : bytes) {
      if (b == '\n') {
        emit();
      } else {
        partialLine.write(b);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    follower.interrupt();
    synchronized (this) {
      pump();
      if (partialLine.size() > 0) {
        emit();
      }
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The runtime's work folder is removed as a whole at close.
    }
  }

  private void follow() {
    while (!closed) {
      pump();
      try {
        Thread.sleep(FOLLOW_INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void emit() {
    String line = partialLine.toString(StandardCharsets.UTF_8);
    partialLine.reset();
    console.accept(prefix + (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
  }

  private byte[] read(long position, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
        // keep reading until the range is complete or the file ends
      }
    } catch (IOException e) {
      return new byte[0];
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return bytes;
  }
}
