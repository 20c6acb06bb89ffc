package dev.idem.bench;

import dev.idem.local.lambda.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A function's twin that logs every class its JVM loads ({@code -Xlog:class+load}): run once
 * unmeasured, it shows where a cold start's time goes, as classes to load by origin.
 */
final class ClassProbe {

  static final String SUFFIX = "ClassProbe";

  /** Class name prefixes by origin, the first match wins; the rest are "other". */
  static final Map<String, List<String>> ORIGINS = origins();

  private ClassProbe() {}

  private static Map<String, List<String>> origins() {
    Map<String, List<String>> origins = new LinkedHashMap<>();
    origins.put("Idem", List.of("dev.idem.idempotency.", "dev.idem.events."));
    origins.put("functions", List.of("dev.idem.functions.", "dev.idem.bench.bare."));
    origins.put("AWS SDK", List.of("software.amazon.awssdk."));
    origins.put("Jackson", List.of("com.fasterxml.jackson."));
    origins.put(
        "Lambda runtime",
        List.of("com.amazonaws.services.lambda.", "com.amazonaws.lambda.", "lambdainternal."));
    origins.put("JDK HTTP client", List.of("java.net.http.", "jdk.internal.net.http."));
    origins.put("JDK other", List.of("java.", "javax.", "jdk.", "sun.", "com.sun."));
    return origins;
  }

  /** The probe of {@code function}: its definition, logging its classes to {@code logFile}. */
  static FunctionDefinition of(FunctionDefinition function, Path logFile) {
    Map<String, String> env = new LinkedHashMap<>(function.environment());
    String options = env.getOrDefault("JAVA_TOOL_OPTIONS", "");
    env.put(
        "JAVA_TOOL_OPTIONS",
        (options + " -Xlog:class+load=info:file=" + logFile.toAbsolutePath()).strip());
    return new FunctionDefinition(
        function.name() + SUFFIX,
        function.handler(),
        function.runtime(),
        function.code(),
        function.memoryMb(),
        function.timeout(),
        env,
        function.concurrencyLimit(),
        java.util.Set.of(),
        0);
  }

  /** Classes loaded per origin, and {@code total}, from a probe's log. */
  static Map<String, Integer> count(Path logFile) {
    try (Stream<String> lines = Files.lines(logFile)) {
      return count(lines);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the class log " + logFile, e);
    }
  }

  /** Classes loaded per origin, and {@code total}, from log lines. */
  static Map<String, Integer> count(Stream<String> lines) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    ORIGINS.keySet().forEach(origin -> counts.put(origin, 0));
    counts.put("other", 0);
    counts.put("total", 0);
    lines
        .map(ClassProbe::className)
        .filter(name -> !name.isEmpty())
        .forEach(name -> {
          counts.merge(origin(name), 1, Integer::sum);
          counts.merge("total", 1, Integer::sum);
        });
    return counts;
  }

  /** {@code [0.012s][info][class,load] java.lang.Object source: jrt:/java.base} → the class. */
  private static String className(String line) {
    int tag = line.indexOf("[class,load] ");
    if (tag < 0) {
      return "";
    }
    int start = tag + "[class,load] ".length();
    int end = line.indexOf(' ', start);
    return end < 0 ? line.substring(start) : line.substring(start, end);
  }

  private static String origin(String className) {
    for (Map.Entry<String, List<String>> origin : ORIGINS.entrySet()) {
      if (origin.getValue().stream().anyMatch(className::startsWith)) {
        return origin.getKey();
      }
    }
    return "other";
  }
}
