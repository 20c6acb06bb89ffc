package dev.idem.local.lambda;

import dev.idem.local.code.FunctionCode;
import dev.idem.testing.LocalAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One function as the local Lambda runs it: what to start and within which limits.
 *
 * {@snippet :
 * FunctionDefinition orders =
 *     new FunctionDefinition(
 *         "PlaceOrder",
 *         "dev.idem.functions.orders.PlaceOrderHandler",
 *         Path.of("functions/target/functions.jar"),
 *         512,
 *         Duration.ofSeconds(10),
 *         Map.of("TABLE_NAME", "Orders"),
 *         FunctionDefinition.DEFAULT_CONCURRENCY_LIMIT);
 * }
 *
 * @param name the function's name, as callers address it (the template's FunctionName or logical
 *     id)
 * @param handler {@code package.Class} (a {@code RequestHandler} or {@code RequestStreamHandler})
 *     or {@code package.Class::method}
 * @param runtime its Lambda Java runtime ({@code java8.al2}, {@code java11}, {@code java17}, {@code
 *     java21}, {@code java25}): which JDK its instances run on, and their {@code AWS_EXECUTION_ENV}
 * @param code its class path: its own classes and dependencies, then its layers' jars
 * @param memoryMb the MemorySize in MB (128 to 10240); each instance's heap is about three quarters
 *     of it
 * @param timeout how long one invocation may run before its instance is killed (more than zero, at
 *     most 15 minutes)
 * @param environment the function's own environment variables
 * @param concurrencyLimit how many instances may run at once (the reserved concurrency, or {@link
 *     #DEFAULT_CONCURRENCY_LIMIT}); 0 throttles every invocation, as a reserved concurrency of 0
 *     does in AWS
 * @param aliases the function's alias names: invoking {@code name:alias} reaches it
 * @param provisionedConcurrency instances started before the local cloud is ready (its aliases'
 *     provisioned concurrency); at most {@code concurrencyLimit}
 */
public record FunctionDefinition(
    String name,
    String handler,
    String runtime,
    FunctionCode code,
    int memoryMb,
    Duration timeout,
    Map<String, String> environment,
    int concurrencyLimit,
    Set<String> aliases,
    int provisionedConcurrency) {

  /** Lambda's default MemorySize, in MB. */
  public static final int DEFAULT_MEMORY_MB = 128;

  /** Lambda's default Timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** The instance limit of a function without reserved concurrency. */
  public static final int DEFAULT_CONCURRENCY_LIMIT = 10;

  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

  /**
   * Validates the definition.
   *
   * @throws IllegalArgumentException when the name or handler is blank, or a limit is out of range
   * @throws NullPointerException when a component is null
   */
  public FunctionDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(timeout, "timeout");
    environment = Map.copyOf(environment);
    require(!name.isBlank() && !name.contains("/"), "function name '" + name + "' is not valid");
    require(!handler.isBlank(), "function " + name + " has no handler");
    require(
        LambdaJava.names().contains(runtime),
        "function "
            + name
            + ": "
            + runtime
            + " is not a Java runtime of Lambda "
            + LambdaJava.names());
    require(
        memoryMb >= 128 && memoryMb <= 10_240,
        "function " + name + ": MemorySize " + memoryMb + " MB is outside 128..10240");
    require(
        timeout.isPositive() && timeout.compareTo(MAX_TIMEOUT) <= 0,
        "function " + name + ": Timeout " + timeout + " is outside (0, 15 minutes]");
    require(
        concurrencyLimit >= 0,
        "function " + name + ": concurrency limit " + concurrencyLimit + " is negative");
    aliases = Set.copyOf(aliases);
    require(
        provisionedConcurrency >= 0 && provisionedConcurrency <= concurrencyLimit,
        "function "
            + name
            + ": provisioned concurrency "
            + provisionedConcurrency
            + " is outside 0.."
            + concurrencyLimit);
  }

  /** A {@code java21} function of one jar, without aliases or provisioned concurrency. */
  public FunctionDefinition(
      String name,
      String handler,
      Path codeJar,
      int memoryMb,
      Duration timeout,
      Map<String, String> environment,
      int concurrencyLimit) {
    this(
        name,
        handler,
        "java21",
        FunctionCode.jar(codeJar),
        memoryMb,
        timeout,
        environment,
        concurrencyLimit,
        Set.of(),
        0);
  }

  /**
   * Whether invoking with this qualifier reaches the function: none, {@code $LATEST}, a version
   * number (every version runs the one code locally) or one of its aliases.
   */
  public boolean answersTo(String qualifier) {
    return qualifier == null
        || qualifier.equals("$LATEST")
        || (!qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit))
        || aliases.contains(qualifier);
  }

  /** Its runtime. */
  public LambdaJava lambdaJava() {
    return LambdaJava.of(runtime);
  }

  /** The function's ARN in the local account and region. */
  public String arn() {
    return LocalAccount.arn("lambda", "function:" + name);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
