package dev.idem.local.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/** Jars in build folders. */
final class Jars {

  private Jars() {}

  /** The jars directly in {@code folder}, by name; none when it does not exist. */
  static List<Path> in(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".jar"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jars in {@code folder} a build leaves to run: not sources, javadoc, tests or originals. */
  static List<Path> runnable(Path folder) {
    return in(folder).stream().filter(Jars::isRunnable).toList();
  }

  private static boolean isRunnable(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith("original-")
        && !name.endsWith("-sources.jar")
        && !name.endsWith("-javadoc.jar")
        && !name.endsWith("-tests.jar")
        && !name.endsWith("-test-sources.jar");
  }

  /**
   * Whether the jar already holds its dependencies: the shade plugin left its {@code original-} jar
   * beside it, or it carries the Maven descriptors of more than one artifact (shade and assembly
   * keep their dependencies' {@code META-INF/maven/.../pom.properties}).
   */
  static boolean isShaded(Path jar, Path folder) {
    if (Files.exists(folder.resolve("original-" + jar.getFileName()))) {
      return true;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream()
              .filter(e -> e.getName().startsWith("META-INF/maven/"))
              .filter(e -> e.getName().endsWith("/pom.properties"))
              .limit(2)
              .count()
          > 1;
    } catch (IOException e) {
      throw new CodeLayoutException(jar + " is not a readable jar: " + e.getMessage());
    }
  }
}
