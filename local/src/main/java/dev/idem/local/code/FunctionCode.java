package dev.idem.local.code;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function's code, resolved: the class path entries an instance runs on, in Lambda's order — the
 * function's own classes (a jar, or a folder of classes), then its {@code lib/*.jar}, then each
 * layer's {@code java/lib/*.jar} in the order the function lists its layers.
 *
 * <p>Entries are jars or folders; {@link #jarsOnly()} says which, for tools (a JDK AOT cache) that
 * take jars only.
 *
 * @param layout how the code was found, for messages (e.g. {@code "shaded jar"}, {@code "Maven
 *     module, 4 dependencies"})
 * @param location the {@code CodeUri} (or asset) it was resolved from
 * @param classpath the entries, absolute, first wins
 */
public record FunctionCode(String layout, Path location, List<Path> classpath) {

  /**
   * Validates the code.
   *
   * @throws IllegalArgumentException when the class path is empty
   */
  public FunctionCode {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(location, "location");
    classpath = classpath.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    if (classpath.isEmpty()) {
      throw new IllegalArgumentException("The code at " + location + " has no class path entry");
    }
  }

  /** One jar (or classes folder) that holds the handler and everything it needs. */
  public static FunctionCode jar(Path jar) {
    return new FunctionCode("jar", jar, List.of(jar));
  }

  /**
   * This code with the layers' jars after its own, in the order given. Lambda extracts the layers
   * into one {@code /opt} in that order, a later layer's file replacing an earlier one's of the
   * same path; so a jar name two layers hold is the later layer's.
   */
  public FunctionCode withLayers(List<FunctionCode> layers) {
    if (layers.isEmpty()) {
      return this;
    }
    Map<String, Path> opt = new LinkedHashMap<>();
    for (FunctionCode layer : layers) {
      layer.classpath().forEach(entry -> opt.put(entry.getFileName().toString(), entry));
    }
    List<Path> entries = new ArrayList<>(classpath);
    entries.addAll(opt.values());
    return new FunctionCode(
        layout + " + " + layers.size() + (layers.size() == 1 ? " layer" : " layers"),
        location,
        entries);
  }

  /** Whether every entry is a jar (no folder of classes). */
  public boolean jarsOnly() {
    return classpath.stream().noneMatch(Files::isDirectory);
  }
}
