package dev.idem.local.lambda;

import java.util.ArrayList;
import java.util.List;

/**
 * The JDK a runtime's functions run on, and the JVM options that make it behave as that runtime's
 * does. On a newer JDK than the runtime's: java8.al2 and java11 code may reflect into {@code
 * java.base} (old Gson, Jackson, Kryo, cglib) as JDK 8 and 11 let it, which JDK 16 and later deny
 * unless the packages are opened; and JDK 24 and later warn on {@code sun.misc.Unsafe} memory
 * access, which older runtimes allow silently.
 *
 * @param runtime the Lambda runtime
 * @param jdk the JDK it runs on here
 */
public record RuntimeJdk(LambdaJava runtime, Jdk jdk) {

  /** What JDK 8 and 11 let any code reflect into, and that libraries of that time do. */
  static final List<String> OPENED =
      List.of(
          "java.base/java.lang",
          "java.base/java.lang.reflect",
          "java.base/java.lang.invoke",
          "java.base/java.io",
          "java.base/java.math",
          "java.base/java.net",
          "java.base/java.nio",
          "java.base/java.nio.charset",
          "java.base/java.security",
          "java.base/java.text",
          "java.base/java.time",
          "java.base/java.util",
          "java.base/java.util.concurrent",
          "java.base/java.util.concurrent.atomic",
          "java.base/java.util.regex",
          "java.base/sun.nio.ch",
          "java.sql/java.sql");

  /** Whether the JDK is of the runtime's own version. */
  public boolean exact() {
    return jdk.feature() == runtime.feature();
  }

  /** The JVM options of every instance on this JDK: Lambda's flags, and compatibility options. */
  public List<String> options() {
    List<String> options =
        new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"));
    if (jdk.feature() >= 17) {
      options.add("--enable-native-access=ALL-UNNAMED");
    }
    options.addAll(compatibility());
    return options;
  }

  /** The options that keep an older runtime's behaviour on this newer JDK; none on its own. */
  public List<String> compatibility() {
    List<String> options = new ArrayList<>();
    if (runtime.feature() < 16 && jdk.feature() >= 16) {
      OPENED.forEach(module -> options.add("--add-opens=" + module + "=ALL-UNNAMED"));
    }
    if (runtime.feature() < 24 && jdk.feature() >= 24) {
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return options;
  }

  /**
   * One line for the start banner, e.g. {@code java11 functions run on JDK 17 (none installed for
   * 11) with --add-opens for 17 packages}.
   */
  public String describe() {
    StringBuilder line =
        new StringBuilder(runtime.name())
            .append(" functions run on JDK ")
            .append(jdk.feature())
            .append(" (")
            .append(jdk.home());
    if (!exact()) {
      line.append("; none installed for ").append(runtime.feature());
    }
    line.append(')');
    List<String> compatibility = compatibility();
    long opens = compatibility.stream().filter(o -> o.startsWith("--add-opens")).count();
    List<String> others = compatibility.stream().filter(o -> !o.startsWith("--add-opens")).toList();
    if (opens > 0 || !others.isEmpty()) {
      line.append(" with ");
      List<String> parts = new ArrayList<>();
      if (opens > 0) {
        parts.add("--add-opens of " + opens + " JDK 8 packages (java.lang, java.util, ...)");
      }
      parts.addAll(others);
      line.append(String.join(" ", parts));
    }
    return line.toString();
  }
}
