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
 * A Java function ({@code AWS::Serverless::Function}), resolved.
 *
 * @param logicalId its logical id
 * @param name its {@code FunctionName}, or the logical id
 * @param handler {@code package.Class::method} or {@code package.Class}
 * @param codeUri its {@code CodeUri}, absolute: a jar, or a folder holding one (see {@link
 *     #codeJar()})
 * @param runtime e.g. {@code java21}
 * @param memorySize in MB (default 128)
 * @param timeout the invocation timeout (default 3 s)
 * @param environment its {@code Environment.Variables}, resolved
 * @param reservedConcurrency its {@code ReservedConcurrentExecutions}, or null
 * @param events its event sources
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
    List<FunctionEvent> events)
    implements ResourceSpec {

  public FunctionSpec {
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    events = List.copyOf(events);
  }

  /** The ARN Lambda would give it, in account 000000000000, region us-east-1. */
  public String arn() {
    return "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + name;
  }

  /**
   * The jar to run: {@link #codeUri()} itself, or the one jar in that folder.
   *
   * @throws IllegalStateException when it does not exist (not built yet) or a folder holds no jar
   *     or several
   */
  public Path codeJar() {
    if (Files.isRegularFile(codeUri)) {
      return codeUri;
    }
    if (!Files.isDirectory(codeUri)) {
      throw new IllegalStateException(
          "CodeUri of " + logicalId + " does not exist: " + codeUri + " (build the jar first)");
    }
    try (Stream<Path> files = Files.list(codeUri)) {
      List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      if (jars.size() != 1) {
        throw new IllegalStateException(
            "CodeUri of "
                + logicalId
                + " is the folder "
                + codeUri
                + ", which must hold exactly one jar; it holds "
                + jars);
      }
      return jars.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
