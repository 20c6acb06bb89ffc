package dev.idem.local.lambda;

import dev.idem.local.code.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipFile;

/**
 * Hot reload: polls the code of every function (its jars and folders, and its layers') and, when
 * one has changed and holds still for one more poll (a jar also has to open as a zip: a build may
 * still be writing it), reloads the functions that run it ({@link FunctionPool#reload()}), one line
 * each: {@code reloaded PlaceOrder in 850 ms (1 new instance ready)}. Polling, not file-system
 * events: it works the same on every OS and for jars replaced by rename or rewritten in place.
 */
final class CodeWatcher implements AutoCloseable {

  private final List<FunctionPool> pools;
  private final Duration interval;
  private final Consumer<String> console;
  private final Map<Path, String> seen = new HashMap<>();
  private final Map<Path, String> pending = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private CodeWatcher(List<FunctionPool> pools, Duration interval, Consumer<String> console) {
    this.pools = pools;
    this.interval = interval;
    this.console = console;
    for (FunctionPool pool : pools) {
      for (Path code : code(pool)) {
        seen.putIfAbsent(code, CodeSnapshots.fingerprint(code));
      }
    }
    this.thread = Thread.ofVirtual().name("idem-code-watcher").start(this::loop);
  }

  /** Starts watching the code of {@code pools} every {@code interval}. */
  static CodeWatcher start(List<FunctionPool> pools, Duration interval, Consumer<String> console) {
    return new CodeWatcher(pools, interval, console);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(interval.multipliedBy(4).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      poll();
    }
  }

  /** One poll: every code location whose change has held still is reloaded. */
  void poll() {
    for (Path code : List.copyOf(seen.keySet())) {
      String now = CodeSnapshots.fingerprint(code);
      if (now.equals(seen.get(code)) || now.equals(FileTrees.MISSING)) {
        pending.remove(code);
        continue;
      }
      if (!now.equals(pending.put(code, now)) || !complete(code)) {
        continue; // changed since the last poll, or still being written: wait for one more
      }
      pending.remove(code);
      seen.put(code, now);
      pools.stream().filter(pool -> code(pool).contains(code)).forEach(this::reload);
    }
  }

  private void reload(FunctionPool pool) {
    Thread.ofVirtual()
        .start(() -> {
          long begin = System.nanoTime();
          int ready = pool.reload();
          long millis = (System.nanoTime() - begin) / 1_000_000;
          console.accept(
              "reloaded "
                  + pool.function().name()
                  + " in "
                  + millis
                  + " ms"
                  + (ready == 0
                      ? " (its next invocation starts the new code)"
                      : " ("
                          + ready
                          + (ready == 1 ? " new instance" : " new instances")
                          + " ready)"));
        });
  }

  private static boolean complete(Path code) {
    if (Files.isDirectory(code)) {
      return true;
    }
    try (ZipFile zip = new ZipFile(code.toFile())) {
      return zip.size() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The function's code and layers as it runs them, less the jars of the local Maven repository (a
   * rebuild does not change those).
   */
  private static List<Path> code(FunctionPool pool) {
    return pool.function().code().classpath().stream()
        .map(path -> path.toAbsolutePath().normalize())
        .filter(path -> !path.toString().contains("/.m2/repository/"))
        .toList();
  }
}
