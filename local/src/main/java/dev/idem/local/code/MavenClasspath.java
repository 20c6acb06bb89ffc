package dev.idem.local.code;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Maven module's runtime dependencies, as {@code sam build} copies them: {@code mvn -o
 * dependency:build-classpath -DincludeScope=runtime} against the local repository, never the
 * network. Maven is the module's own wrapper ({@code mvnw} in it or a parent folder), else {@code
 * mvn} on the {@code PATH}. The result is kept in {@code target/idem-local-classpath.txt} with the
 * pom's hash, so a restart with an unchanged pom (and every jar still there) runs no Maven.
 */
public final class MavenClasspath {

  static final String CACHE_FILE = "idem-local-classpath.txt";
  private static final long TIMEOUT_SECONDS = 180;

  private final Map<String, String> env;
  private final Path localRepository;

  /**
   * @param env the environment Maven runs with, and whose {@code PATH} is searched for {@code mvn}
   * @param localRepository the local repository, where the dependency plugin's version is looked up
   */
  public MavenClasspath(Map<String, String> env, Path localRepository) {
    this.env = Map.copyOf(env);
    this.localRepository = localRepository;
  }

  /** With this process's environment and {@code ~/.m2/repository}. */
  public static MavenClasspath standard() {
    return new MavenClasspath(
        System.getenv(), Path.of(System.getProperty("user.home"), ".m2", "repository"));
  }

  /**
   * The resolved jars, and how they were obtained.
   *
   * @param jars the runtime dependencies, in Maven's order
   * @param how {@code "(cached)"} or {@code "(resolved offline in N ms)"}
   */
  public record Resolved(List<Path> jars, String how) {}

  /**
   * The module's runtime dependencies, in Maven's order.
   *
   * @throws CodeLayoutException when Maven cannot be found, or cannot resolve them offline
   */
  public Resolved runtimeDependencies(Path module) {
    Path pom = module.resolve("pom.xml");
    String hash = hash(pom);
    Path cache = module.resolve("target").resolve(CACHE_FILE);
    Optional<List<Path>> cached = cached(cache, hash);
    if (cached.isPresent()) {
      return new Resolved(cached.get(), "(cached)");
    }
    long start = System.nanoTime();
    List<Path> jars = resolve(module, pom);
    write(cache, hash, jars);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Resolved(jars, "(resolved offline in " + millis + " ms)");
  }

  private List<Path> resolve(Path module, Path pom) {
    Path maven = maven(module);
    try {
      Path out = Files.createTempFile("idem-classpath-", ".txt");
      Path log = Files.createTempFile("idem-maven-", ".log");
      try {
        List<String> command =
            List.of(
                maven.toString(),
                "-B",
                "-o",
                "-q",
                "-f",
                pom.toString(),
                plugin() + ":build-classpath",
                "-DincludeScope=runtime",
                "-Dmdep.outputFile=" + out);
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(module.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw failure(pom, maven, "no answer in " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
          throw failure(pom, maven, firstError(log));
        }
        return parse(Files.readString(out));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw failure(pom, maven, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(pom, maven, "interrupted");
    }
  }

  /** The module's {@code mvnw}, or a parent folder's, else {@code mvn} on the {@code PATH}. */
  Path maven(Path module) {
    for (Path dir = module.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path wrapper = dir.resolve("mvnw");
      if (Files.isExecutable(wrapper)) {
        return wrapper;
      }
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mvn"))) {
        return Path.of(dir, "mvn");
      }
    }
    throw new CodeLayoutException(
        "cannot resolve the dependencies of the Maven module "
            + module
            + ": no mvnw in it or a parent folder, and no mvn on the PATH");
  }

  /**
   * The dependency plugin, by its newest version in the local repository: offline, Maven cannot
   * resolve the {@code dependency:} prefix without the repository's metadata.
   */
  String plugin() {
    Path versions = localRepository.resolve("org/apache/maven/plugins/maven-dependency-plugin");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> dirs = Files.list(versions)) {
        Optional<String> newest =
            dirs.filter(dir -> Files.exists(jarOf(dir)))
                .map(dir -> dir.getFileName().toString())
                .max(Comparator.comparing(MavenClasspath::versionKey));
        if (newest.isPresent()) {
          return "org.apache.maven.plugins:maven-dependency-plugin:" + newest.get();
        }
      } catch (IOException e) {
        // Fall back to the prefix: Maven names what it misses.
      }
    }
    return "dependency";
  }

  private static Path jarOf(Path versionDir) {
    String version = versionDir.getFileName().toString();
    return versionDir.resolve("maven-dependency-plugin-" + version + ".jar");
  }

  private static String versionKey(String version) {
    StringBuilder key = new StringBuilder();
    for (String part : version.split("[.-]")) {
      key.append(
          part.chars().allMatch(Character::isDigit)
              ? "%08d".formatted(Long.parseLong(part))
              : part);
      key.append('.');
    }
    return key.toString();
  }

  static List<Path> parse(String classpath) {
    return Arrays.stream(classpath.strip().split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(Path::of)
        .toList();
  }

  private static Optional<List<Path>> cached(Path cache, String hash) {
    if (!Files.isRegularFile(cache)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(cache);
      if (lines.isEmpty() || !lines.get(0).equals("# pom.xml sha-256 " + hash)) {
        return Optional.empty();
      }
      List<Path> jars = lines.stream().skip(1).map(Path::of).toList();
      return jars.stream().allMatch(Files::isRegularFile) ? Optional.of(jars) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void write(Path cache, String hash, List<Path> jars) {
    List<String> lines = new ArrayList<>();
    lines.add("# pom.xml sha-256 " + hash);
    jars.forEach(jar -> lines.add(jar.toString()));
    try {
      Files.createDirectories(cache.getParent());
      Files.write(cache, lines);
    } catch (IOException e) {
      // No cache: the next start resolves again.
    }
  }

  private static String hash(Path pom) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(pom));
      return HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      throw new CodeLayoutException("cannot read " + pom + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstError(Path log) throws IOException {
    List<String> lines =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .map(line -> line.replaceAll("\u001B\\[[;\\d]*m", "").strip())
            .filter(line -> !line.isEmpty())
            .toList();
    return lines.stream()
        .filter(line -> line.startsWith("[ERROR]"))
        .findFirst()
        .or(() -> lines.stream().findFirst())
        .map(line -> line.replaceFirst("^\\[ERROR\\] ", "").replaceFirst(" -> \\[Help 1\\]$", ""))
        .orElse("Maven failed without a message");
  }

  private static CodeLayoutException failure(Path pom, Path maven, String reason) {
    return new CodeLayoutException(
        "cannot resolve the runtime dependencies of "
            + pom
            + " offline ("
            + maven
            + "): "
            + reason);
  }
}
