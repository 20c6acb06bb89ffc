package dev.idem.local.template;

import java.util.Set;

/**
 * The Lambda runtimes a function can run on here: Lambda's Java runtimes, java8.al2, java11,
 * java17, java21 and java25 (each on an installed JDK of its version, else the nearest newer one).
 * Other Java runtimes (the retired {@code java8}) are refused; functions in other languages are
 * reported as not emulated (CDK adds Node.js functions behind its custom resources, which are not
 * emulated either).
 */
final class JavaRuntimes {

  static final Set<String> SUPPORTED = Set.of("java8.al2", "java11", "java17", "java21", "java25");

  private JavaRuntimes() {}

  /**
   * Whether a function on {@code runtime} runs locally.
   *
   * @param where the function's {@code Runtime} property, for the message
   * @throws TemplateException when it is another Java runtime (the retired {@code java8})
   */
  static boolean runs(String runtime, String where) {
    if (SUPPORTED.contains(runtime)) {
      return true;
    }
    if (runtime.startsWith("java")) {
      throw new TemplateException(
          where
              + ": runtime "
              + runtime
              + " is not supported locally (java8.al2, java11, java17, java21, java25)");
    }
    return false;
  }
}
