package dev.idem.infra.constructs;

import java.util.Arrays;
import java.util.Locale;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The Lambda Java runtimes an {@link IdempotentFunction} runs on (Java 21 bytecode runs on both).
 */
public enum JavaRuntime {
  /** {@code java21}: the LTS the functions are compiled for. */
  JAVA_21("java21"),
  /** {@code java25}: the newest LTS. */
  JAVA_25("java25");

  private final String id;

  JavaRuntime(String id) {
    this.id = id;
  }

  /** Lambda's name of the runtime, as in a SAM template ({@code java21}). */
  public String id() {
    return id;
  }

  /** The CDK runtime. */
  public Runtime runtime() {
    return this == JAVA_21 ? Runtime.JAVA_21 : Runtime.JAVA_25;
  }

  /**
   * The runtime Lambda names {@code id}.
   *
   * @throws IllegalArgumentException when it is none of {@code java21}, {@code java25}
   */
  public static JavaRuntime of(String id) {
    return Arrays.stream(values())
        .filter(r -> r.id.equals(id.trim().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException(
                "Unknown Java runtime '" + id + "': use java21 or java25"));
  }
}
