package dev.idem.local.lambda;

import dev.idem.local.lambda.fixtures.EchoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The fixture handlers as a function jar: built once per test JVM from the compiled test classes of
 * the fixtures package only, so instances see the handlers and nothing else of the tests.
 */
final class FixtureJar {

  static final String PACKAGE = "dev.idem.local.lambda.fixtures.";

  private static Path jar;

  private FixtureJar() {}

  static synchronized Path path() {
    if (jar == null) {
      try {
        jar = build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jar;
  }

  /** A function over a fixture handler, e.g. {@code function("echo", "EchoHandler", 1, 5)}. */
  static FunctionDefinition function(
      String name, String handler, int concurrencyLimit, Duration timeout) {
    return new FunctionDefinition(
        name, PACKAGE + handler, path(), 128, timeout, Map.of(), concurrencyLimit);
  }

  private static Path build() throws IOException {
    Path classes = classesRoot();
    Path packageDir = classes.resolve(PACKAGE.replace('.', '/'));
    Path target = classes.getParent().resolve("lambda-fixtures.jar");
    Path partial = Files.createTempFile(classes.getParent(), "lambda-fixtures", ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(partial);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> walk = Files.walk(packageDir)) {
      for (Path classFile : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
        Files.copy(classFile, out);
        out.closeEntry();
      }
    }
    return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path classesRoot() {
    try {
      return Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> entries() throws IOException {
    try (var jarFile = new java.util.jar.JarFile(path().toFile())) {
      return jarFile.stream().map(JarEntry::getName).toList();
    }
  }
}
