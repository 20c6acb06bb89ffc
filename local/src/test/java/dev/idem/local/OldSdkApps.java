package dev.idem.local;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds {@link OldSdkIT}'s functions from {@code src/test/old-sdk-app}: one handler compiled
 * against an old SDK's jars ({@code target/old-sdk/<sdk>/}, copied there by the build and never on
 * this module's class path), then merged with those jars into one jar, as a shaded Lambda jar is.
 */
final class OldSdkApps {

  /** The app's template and sources. */
  static final Path APP = Path.of("src", "test", "old-sdk-app");

  private OldSdkApps() {}

  /**
   * Compiles {@code oldsdk.<handler>} against {@code target/old-sdk/<sdk>/*.jar} into {@code jar}.
   *
   * @throws IllegalStateException when the jars are missing (run the build's
   *     generate-test-resources) or the handler does not compile
   */
  static Path build(String sdk, String handler, Path jar) {
    try {
      List<Path> libraries = libraries(sdk);
      Path classes = Files.createTempDirectory("old-sdk-classes-");
      compile(APP.resolve("src/oldsdk/" + handler + ".java"), libraries, classes);
      merge(classes, libraries, jar);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> libraries(String sdk) throws IOException {
    Path folder = Path.of("target", "old-sdk", sdk);
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(
          folder + " is missing: the build copies the old SDK there (mvn generate-test-resources)");
    }
    try (Stream<Path> jars = Files.list(folder)) {
      return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private static void compile(Path source, List<Path> libraries, Path classes) {
    List<String> classpath = new ArrayList<>();
    libraries.forEach(jar -> classpath.add(jar.toString()));
    classpath.add(lambdaCoreJar().toString());
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status =
        compiler.run(
            null,
            errors,
            errors,
            "--release",
            "21",
            "-proc:none",
            "-d",
            classes.toString(),
            "-cp",
            String.join(File.pathSeparator, classpath),
            source.toString());
    if (status != 0) {
      throw new IllegalStateException(source + " does not compile:\n" + errors);
    }
  }

  /** aws-lambda-java-core, which the runtime interface client provides at run time. */
  private static Path lambdaCoreJar() {
    try {
      return Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The classes, then every library's entries (the first of a name wins; services merged). */
  private static void merge(Path classes, List<Path> libraries, Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    Set<String> written = new HashSet<>();
    Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      try (Stream<Path> walk = Files.walk(classes)) {
        for (Path path : walk.filter(Files::isRegularFile).toList()) {
          String name = classes.relativize(path).toString().replace('\\', '/');
          written.add(name);
          out.putNextEntry(new JarEntry(name));
          Files.copy(path, out);
          out.closeEntry();
        }
      }
      for (Path library : libraries) {
        copyEntries(library, out, written, services);
      }
      for (Map.Entry<String, ByteArrayOutputStream> service : services.entrySet()) {
        out.putNextEntry(new JarEntry(service.getKey()));
        out.write(service.getValue().toByteArray());
        out.closeEntry();
      }
    }
  }

  private static void copyEntries(
      Path library,
      JarOutputStream out,
      Set<String> written,
      Map<String, ByteArrayOutputStream> services)
      throws IOException {
    try (JarFile jar = new JarFile(library.toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        String name = entry.getName();
        if (entry.isDirectory() || skipped(name)) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          if (name.startsWith("META-INF/services/")) {
            ByteArrayOutputStream merged =
                services.computeIfAbsent(name, n -> new ByteArrayOutputStream());
            merged.writeBytes(in.readAllBytes());
            merged.write('\n');
          } else if (written.add(name)) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
          }
        }
      }
    }
  }

  private static boolean skipped(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return upper.equals("META-INF/MANIFEST.MF")
        || name.endsWith("module-info.class")
        || (upper.startsWith("META-INF/")
            && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA")));
  }
}
