package dev.idem.local.code;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Small function apps built by the tests from the sources below: compiled with the JDK's compiler
 * for a given release, packed with {@code java.util.zip} into each layout a build tool leaves.
 */
public final class LayoutApps {

  /** A library class, in a jar of its own: in {@code lib/}, a layer, a distribution. */
  public static String greeting(String text) {
    return """
    package lib;
    public class Greeting {
      public static String text() { return "%s"; }
    }
    """
        .formatted(text);
  }

  /** The handler: its runtime's identity and what the library says. */
  public static final String PROBE =
      """
      package app;
      public class Probe {
        public String handle(java.util.Map<String, Object> event) {
          return System.getenv("AWS_EXECUTION_ENV") + " "
              + System.getProperty("java.specification.version") + " " + lib.Greeting.text();
        }
      }
      """;

  /** A handler that needs Jackson (a Maven dependency). */
  public static final String JACKSON =
      """
      package app;
      public class Json {
        public String handle(java.util.Map<String, Object> event) throws Exception {
          return new com.fasterxml.jackson.databind.ObjectMapper()
              .writeValueAsString(java.util.Map.of("jackson", "yes"));
        }
      }
      """;

  /**
   * A handler that reflects into {@code java.base}, as old Gson and Jackson do: allowed on JDK 11,
   * denied from JDK 16 unless {@code java.lang} is opened.
   */
  public static final String REFLECTIVE =
      """
      package app;
      public class Reflective {
        public String handle(java.util.Map<String, Object> event) throws Exception {
          java.lang.reflect.Field value = String.class.getDeclaredField("value");
          value.setAccessible(true);
          return System.getenv("AWS_EXECUTION_ENV") + " "
              + System.getProperty("java.specification.version") + " reflective "
              + (value.get("ok") != null);
        }
      }
      """;

  private LayoutApps() {}

  /** Compiles {@code sources} (by class name) for {@code release} into {@code out}. */
  public static Path compile(
      Path out, int release, List<Path> classpath, Map<String, String> sources) {
    try {
      Path src = Files.createTempDirectory("layout-src-");
      List<String> files = new ArrayList<>();
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        files.add(file.toString());
      }
      Files.createDirectories(out);
      List<String> args =
          new ArrayList<>(List.of("--release", Integer.toString(release), "-d", out.toString()));
      if (!classpath.isEmpty()) {
        args.add("-classpath");
        args.add(
            String.join(
                java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
      }
      args.addAll(files);
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
      int status = compiler.run(null, errors, errors, args.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException(
            "javac failed on " + sources.keySet() + ": " + errors.toString(StandardCharsets.UTF_8));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zip (or jar) of {@code folder}'s files, each under {@code prefix}. */
  public static Path zip(Path file, Path folder, String prefix) {
    return zip(file, Map.of(prefix, folder));
  }

  /** A zip (or jar) of several folders, each under its prefix (empty for the root). */
  public static Path zip(Path file, Map<String, Path> folders) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream stream = Files.newOutputStream(file);
          ZipOutputStream zip = new ZipOutputStream(stream)) {
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
          try (Stream<Path> walk = Files.walk(folder.getValue())) {
            for (Path entry : walk.filter(Files::isRegularFile).sorted().toList()) {
              String name =
                  folder.getKey()
                      + folder.getValue().relativize(entry).toString().replace('\\', '/');
              zip.putNextEntry(new ZipEntry(name));
              Files.copy(entry, zip);
              zip.closeEntry();
            }
          }
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A jar holding the one library class {@code lib.Greeting}, answering {@code text}. */
  public static Path greetingJar(Path file, String text) {
    try {
      Path classes =
          compile(
              Files.createTempDirectory("layout-classes-"),
              11,
              List.of(),
              Map.of("lib.Greeting", greeting(text)));
      return zip(file, classes, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a text file, creating its folder. */
  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a folder's files into another. */
  public static Path copy(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
