package dev.idem.local.sources;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.idem.local.lambda.FunctionDefinition;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.LambdaRuntime;
import dev.idem.local.sources.fixtures.SqsBatchHandler;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The fixture handlers as a function jar (built once per test JVM from the compiled classes of the
 * fixtures package only) and runtimes over them.
 */
public final class SourceFixtures {

  public static final String PACKAGE = "dev.idem.local.sources.fixtures.";

  private static Path jar;

  private SourceFixtures() {}

  /** A function over a fixture handler, e.g. {@code function("sqs", "SqsBatchHandler", 1)}. */
  public static FunctionDefinition function(String name, String handler, int concurrencyLimit) {
    return new FunctionDefinition(
        name, PACKAGE + handler, jar(), 128, Duration.ofSeconds(10), Map.of(), concurrencyLimit);
  }

  /** A runtime whose instances write to nowhere (their output is not under test here). */
  public static LambdaRuntime runtime(FunctionDefinition... functions) {
    return LambdaRuntime.start(
        List.of(functions), new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {}));
  }

  /**
   * Starts {@code instances} instances of the function at once, so tests meet warm ones: a cold
   * start longer than a 1 s visibility timeout would make SQS deliver a batch twice.
   */
  public static void warm(LambdaRuntime runtime, String function, String event, int instances)
      throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<InvocationResult>> calls =
          Stream.generate(
                  () -> executor.submit(() -> runtime.invoke(function, event.getBytes(UTF_8))))
              .limit(instances)
              .toList();
      for (Future<InvocationResult> call : calls) {
        InvocationResult result = call.get(60, TimeUnit.SECONDS);
        if (result.status() != InvocationResult.Status.OK) {
          throw new IllegalStateException(
              "Warming " + function + " failed: " + result.payloadText());
        }
      }
    }
  }

  private static synchronized Path jar() {
    if (jar == null) {
      try {
        jar = build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jar;
  }

  private static Path build() throws IOException {
    Path classes = classesRoot();
    Path packageDir = classes.resolve(PACKAGE.replace('.', '/'));
    Path target = classes.getParent().resolve("source-fixtures.jar");
    Path partial = Files.createTempFile(classes.getParent(), "source-fixtures", ".jar");
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
      return Path.of(
          SqsBatchHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
