package dev.idem.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Java function ({@code AWS::Serverless::Function} or {@code AWS::Lambda::Function}), resolved.
 *
 * @param logicalId its logical id
 * @param name its {@code FunctionName}, or the logical id
 * @param handler {@code package.Class::method} or {@code package.Class}
 * @param codeUri its code, absolute: a SAM {@code CodeUri}, a CDK asset or a local {@code Code}
 *     path; a jar, or a folder holding one (see {@link #codeJar()})
 * @param runtime e.g. {@code java21}
 * @param memorySize in MB (default 128)
 * @param timeout the invocation timeout (default 3 s)
 * @param environment its {@code Environment.Variables}, resolved
 * @param reservedConcurrency its {@code ReservedConcurrentExecutions}, or null
 * @param events its event sources: its own SAM events, and the event source mappings, API methods
 *     and routes of the template that invoke it (or one of its aliases or versions)
 * @param aliases its aliases
 * @param invokeConfig how its asynchronous invocations are handled ({@link InvokeConfig#DEFAULT}
 *     when the template says nothing)
 */
public record FunctionSpec(
    String logicalId,
    String name,
    String handler,
    Path codeUri,
    String runtime,
    int memorySize,
    Duration timeout,
    Map<String, String> environment,
    Integer reservedConcurrency,
    List<FunctionEvent> events,
    List<FunctionAlias> aliases,
    InvokeConfig invokeConfig)
    implements ResourceSpec {

  public FunctionSpec {
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    events = List.copyOf(events);
    aliases = List.copyOf(aliases);
    invokeConfig = invokeConfig == null ? InvokeConfig.DEFAULT : invokeConfig;
  }

  /** A function whose asynchronous invocations take Lambda's defaults. */
  public FunctionSpec(
      String logicalId,
      String name,
      String handler,
      Path codeUri,
      String runtime,
      int memorySize,
      Duration timeout,
      Map<String, String> environment,
      Integer reservedConcurrency,
      List<FunctionEvent> events,
      List<FunctionAlias> aliases) {
    this(
        logicalId,
        name,
        handler,
        codeUri,
        runtime,
        memorySize,
        timeout,
        environment,
        reservedConcurrency,
        events,
        aliases,
        InvokeConfig.DEFAULT);
  }

  /** A function without aliases. */
  public FunctionSpec(
      String logicalId,
      String name,
      String handler,
      Path codeUri,
      String runtime,
      int memorySize,
      Duration timeout,
      Map<String, String> environment,
      Integer reservedConcurrency,
      List<FunctionEvent> events) {
    this(
        logicalId,
        name,
        handler,
        codeUri,
        runtime,
        memorySize,
        timeout,
        environment,
        reservedConcurrency,
        events,
        List.of());
  }

  /** The instances its aliases' provisioned concurrency asks for, together. */
  public int provisionedConcurrency() {
    return aliases.stream().mapToInt(FunctionAlias::provisionedConcurrency).sum();
  }

  /** The ARN Lambda would give it, in account 000000000000, region us-east-1. */
  public String arn() {
    return "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + name;
  }

  /**
   * The jar to run: {@link #codeUri()} itself; else the one jar in that folder; else the one jar in
   * its {@code target/} (a Maven module), leaving out {@code original-}, sources, javadoc and tests
   * jars.
   *
   * @throws IllegalStateException when it does not exist (not built yet) or no single jar is found
   */
  public Path codeJar() {
    if (Files.isRegularFile(codeUri)) {
      return codeUri;
    }
    if (!Files.isDirectory(codeUri)) {
      throw new IllegalStateException(
          "The code of " + logicalId + " does not exist: " + codeUri + " (build the jar first)");
    }
    List<Path> jars = jarsIn(codeUri);
    if (jars.isEmpty()) {
      jars = jarsIn(codeUri.resolve("target"));
    }
    if (jars.size() != 1) {
      throw new IllegalStateException(
          "The code of "
              + logicalId
              + " is the folder "
              + codeUri
              + ": expected one jar in it or in its target/, found "
              + jars);
    }
    return jars.get(0);
  }

  private static List<Path> jarsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(FunctionSpec::isRunnableJar).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isRunnableJar(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jar")
        && !name.startsWith("original-")
        && !name.endsWith("-sources.jar")
        && !name.endsWith("-javadoc.jar")
        && !name.endsWith("-tests.jar");
  }
}
