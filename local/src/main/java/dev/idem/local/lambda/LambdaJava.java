package dev.idem.local.lambda;

import java.util.Map;

/**
 * A Lambda Java runtime: {@code java8.al2}, {@code java11}, {@code java17}, {@code java21} or
 * {@code java25}.
 *
 * @param name the {@code Runtime} value
 * @param feature the Java feature version it runs
 */
public record LambdaJava(String name, int feature) {

  private static final Map<String, Integer> RUNTIMES =
      Map.of("java8.al2", 8, "java11", 11, "java17", 17, "java21", 21, "java25", 25);

  /**
   * The runtime named {@code name}.
   *
   * @throws IllegalArgumentException when Lambda has no such Java runtime
   */
  public static LambdaJava of(String name) {
    Integer feature = RUNTIMES.get(name);
    if (feature == null) {
      throw new IllegalArgumentException(
          "runtime "
              + name
              + " is not a Java runtime of Lambda ("
              + String.join(", ", names())
              + ")");
    }
    return new LambdaJava(name, feature);
  }

  /** The Java runtimes, oldest first. */
  public static java.util.List<String> names() {
    return RUNTIMES.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** {@code AWS_EXECUTION_ENV} in this runtime, e.g. {@code AWS_Lambda_java17}. */
  public String executionEnv() {
    return "AWS_Lambda_" + name;
  }

  /** The newest class file major version its JVM loads (61 for Java 17). */
  public int maxClassVersion() {
    return feature + 44;
  }
}
