package dev.idem.local.template;

import java.util.Set;

/**
 * The Lambda runtimes a function can run on here: Java 17, 21 and 25 (each instance runs on the
 * local cloud's own JDK). Other Java runtimes are refused; functions in other languages are
 * reported as not emulated (CDK adds Node.js functions behind its custom resources, which are not
 * emulated either).
 */
final class JavaRuntimes {

  static final Set<String> SUPPORTED = Set.of("java17", "java21", "java25");

  private JavaRuntimes() {}

  /**
   * Whether a function on {@code runtime} runs locally.
   *
   * @param where the function's {@code Runtime} property, for the message
   * @throws TemplateException when it is a Java runtime other than 17, 21 or 25
   */
  static boolean runs(String runtime, String where) {
    if (SUPPORTED.contains(runtime)) {
      return true;
    }
    if (runtime.startsWith("java")) {
      throw new TemplateException(
          where + ": runtime " + runtime + " is not supported locally (java17, java21, java25)");
    }
    return false;
  }
}
