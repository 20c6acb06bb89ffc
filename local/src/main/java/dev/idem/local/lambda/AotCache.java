package dev.idem.local.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Class-loading caches for function instances, so that an instance starts with its classes already
 * parsed, verified and linked: the JDK's ahead-of-time cache on JDK 25 and later (JEP 483, 514,
 * 515), a dynamic class-data-sharing archive on JDK 13 to 24.
 *
 * <p>One cache per (function code, JDK build, JVM options): its file name carries a digest of the
 * class path (each jar's path, size and modification time, which the JVM itself checks when it maps
 * the cache), the JDK's version and the options. The first instance of a function without a cache
 * is its training run: it serves traffic as any instance does, and when it is stopped (retired, or
 * at shutdown, with SIGTERM) the JVM writes the cache of what its init and its invocations loaded;
 * the next instances map it. An instance killed (a timeout, a crash, a fault) writes none, and a
 * later instance trains again. A cache the JVM cannot use is ignored by the JVM with a warning in
 * the instance's log: a plain start, never a failed one.
 *
 * <p>The cache needs a class path of jars: a class path with a folder gets a plain start and one
 * log line. Caches live outside the source tree (by default {@code ~/.cache/idem/aot}) and are
 * reused across runs; a new cache replaces the older ones of the same function and code location.
 * Thread-safe.
 */
final class AotCache {

  /** How an instance uses the cache. */
  enum Role {
    /** It maps the existing cache. */
    USE,
    /** It writes the cache when it is stopped. */
    TRAIN,
    /** Neither: a plain start. */
    NONE
  }

  /**
   * The flags for one instance.
   *
   * @param role how it uses the cache
   * @param flags the JVM options to add
   * @param pending where a training run writes (moved to {@code target} once complete); null unless
   *     training
   * @param target the cache's file; null for a plain start
   */
  record Plan(Role role, List<String> flags, Path pending, Path target) {

    static final Plan NONE = new Plan(Role.NONE, List.of(), null, null);
  }

  private final Path dir;
  private final Consumer<String> console;
  private final Set<Path> training = ConcurrentHashMap.newKeySet();
  private final Map<String, Boolean> reported = new ConcurrentHashMap<>();

  /** Caches in {@code dir}; null turns them off. */
  AotCache(Path dir, Consumer<String> console) {
    this.dir = dir;
    this.console = console;
  }

  /** The default folder: {@code $XDG_CACHE_HOME/idem/aot}, else {@code ~/.cache/idem/aot}. */
  static Path defaultDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("idem").resolve("aot");
  }

  boolean enabled() {
    return dir != null;
  }

  /**
   * The plan for a new instance of {@code function}, whose code the template names at {@code
   * source}, started by a JDK of feature version {@code jdkFeature} and build {@code jdkBuild},
   * with these options (system properties excluded, they do not affect the cache) and this class
   * path.
   */
  Plan plan(
      String function,
      Path source,
      int jdkFeature,
      String jdkBuild,
      List<String> options,
      List<Path> classpath) {
    if (dir == null) {
      return Plan.NONE;
    }
    if (jdkFeature < 13) {
      reportOnce(function, "JDK " + jdkFeature + " writes no class-data archive");
      return Plan.NONE;
    }
    Path folder = classpath.stream().filter(Files::isDirectory).findFirst().orElse(null);
    if (folder != null) {
      reportOnce(function, "its class path holds a folder (" + folder + "), the cache needs jars");
      return Plan.NONE;
    }
    boolean aot = jdkFeature >= 25;
    String digest = digest(jdkBuild, options, classpath);
    Path target =
        dir.resolve(prefix(function, source) + digest + (aot ? ".aot" : ".jsa")).normalize();
    if (Files.isRegularFile(target)) {
      return new Plan(
          Role.USE,
          aot ? List.of("-XX:AOTCache=" + target) : List.of("-XX:SharedArchiveFile=" + target),
          null,
          target);
    }
    if (!training.add(target)) {
      return Plan.NONE; // another instance is training: this one starts plain
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      training.remove(target);
      reportOnce(function, "cannot create " + dir + ": " + e.getMessage());
      return Plan.NONE;
    }
    Path pending =
        target.resolveSibling(target.getFileName() + ".part" + ProcessHandle.current().pid());
    List<String> flags =
        aot
            ? List.of("-XX:AOTCacheOutput=" + pending)
            : List.of("-XX:ArchiveClassesAtExit=" + pending);
    return new Plan(Role.TRAIN, flags, pending, target);
  }

  /**
   * A training instance's process has ended: its cache becomes the function's if it was written,
   * else a later instance trains again.
   *
   * @return the cache's size in bytes, or 0 when none was written
   */
  long trainingEnded(String function, Plan plan) {
    try {
      if (Files.isRegularFile(plan.pending()) && Files.size(plan.pending()) > 0) {
        long size = Files.size(plan.pending());
        removeOlder(plan.target());
        Files.move(plan.pending(), plan.target(), StandardCopyOption.ATOMIC_MOVE);
        console.accept(
            "aot cache of "
                + function
                + " written: "
                + plan.target()
                + " ("
                + size / 1_048_576
                + " MB); its next instances map it");
        return size;
      }
      return 0;
    } catch (IOException e) {
      console.accept("aot cache of " + function + " not kept: " + e.getMessage());
      return 0;
    } finally {
      deleteQuietly(plan.pending());
      deleteQuietly(Path.of(plan.pending() + ".config"));
      training.remove(plan.target());
    }
  }

  /** Function name and a digest of where its code lives: caches under it replace each other. */
  private static String prefix(String function, Path source) {
    String where = source.toAbsolutePath().normalize().toString();
    return function.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + sha256(where).substring(0, 8) + "-";
  }

  private static String digest(String jdkBuild, List<String> options, List<Path> classpath) {
    StringBuilder text = new StringBuilder(jdkBuild).append('\n');
    options.stream()
        .filter(option -> !option.startsWith("-D"))
        .forEach(option -> text.append(option).append('\n'));
    for (Path entry : classpath) {
      text.append(entry.toAbsolutePath()).append('\n');
      try {
        text.append(Files.size(entry)).append(' ').append(Files.getLastModifiedTime(entry));
      } catch (IOException e) {
        text.append("missing");
      }
      text.append('\n');
    }
    return sha256(text.toString()).substring(0, 16);
  }

  private void removeOlder(Path target) throws IOException {
    String name = target.getFileName().toString();
    String prefix = name.substring(0, name.length() - ".aot".length() - 16);
    try (Stream<Path> files = Files.list(target.getParent())) {
      for (Path file : files.toList()) {
        String other = file.getFileName().toString();
        if (other.startsWith(prefix)
            && (other.endsWith(".aot") || other.endsWith(".jsa"))
            && !file.equals(target)) {
          deleteQuietly(file);
        }
      }
    }
  }

  private void reportOnce(String function, String why) {
    if (reported.putIfAbsent(function, Boolean.TRUE) == null) {
      console.accept("aot cache: none for " + function + ": " + why + "; plain starts");
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover in the cache folder; a later run may remove it
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
