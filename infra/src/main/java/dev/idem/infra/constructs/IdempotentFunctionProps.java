package dev.idem.infra.constructs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of an {@link IdempotentFunction}. Build with {@link #builder(String)}: only the handler
 * is required.
 *
 * @param handler {@code package.Class::method}
 * @param code the deployment package, or null for {@link IdempotentFunction#DEFAULT_JAR}
 * @param runtime the Java runtime
 * @param architecture the instruction set
 * @param memorySize MB
 * @param timeout the invocation timeout
 * @param description what the function does, or null
 * @param serviceName {@code POWERTOOLS_SERVICE_NAME}, the service field of its logs and metrics
 * @param javaToolOptions {@code JAVA_TOOL_OPTIONS}, or null for none
 * @param environment the function's own variables
 * @param idempotencyTable the table its idempotency records live in, or null for none
 * @param transactional whether it writes records inside transactions with condition checks
 * @param logGroupName the name of its log group, or null for a generated one
 * @param logRetention how long its logs are kept
 * @param aliasName the alias that event sources and integrations invoke
 * @param provisionedConcurrency provisioned concurrency on the alias, or null for none
 * @param snapStart whether published versions are SnapStart snapshots
 */
public record IdempotentFunctionProps(
    String handler,
    Code code,
    JavaRuntime runtime,
    Architecture architecture,
    int memorySize,
    Duration timeout,
    String description,
    String serviceName,
    String javaToolOptions,
    Map<String, String> environment,
    IdempotencyTable idempotencyTable,
    boolean transactional,
    String logGroupName,
    RetentionDays logRetention,
    String aliasName,
    ProvisionedConcurrency provisionedConcurrency,
    boolean snapStart) {

  /**
   * C1 only: compiles fast and early, which is what a short-lived Lambda JVM needs (AWS's advice
   * for Java cold starts); C2's peak speed rarely pays off within an invocation.
   */
  public static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException when provisioned concurrency and SnapStart are both set, or a
   *     value is out of Lambda's range
   */
  public IdempotentFunctionProps {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(logRetention, "logRetention");
    Objects.requireNonNull(aliasName, "aliasName");
    environment = Map.copyOf(environment);
    if (!handler.matches("[\\w.$]+(::\\w+)?")) {
      throw new IllegalArgumentException(
          "Handler '" + handler + "' is not of the form package.Class::method");
    }
    if (memorySize < 128 || memorySize > 10_240) {
      throw new IllegalArgumentException(
          "memorySize must be between 128 and 10240 MB, was " + memorySize);
    }
    if (Seconds.of(timeout) < 1 || Seconds.of(timeout) > 900) {
      throw new IllegalArgumentException(
          "timeout must be between 1 and 900 seconds, was " + Seconds.of(timeout));
    }
    if (provisionedConcurrency != null && snapStart) {
      throw new IllegalArgumentException(
          "Function "
              + handler
              + ": provisioned concurrency and SnapStart are mutually exclusive (Lambda refuses"
              + " both on one version); choose provisionedConcurrency(...) for instances that are"
              + " always warm, or snapStart(true) for fast cold starts that cost nothing idle");
    }
  }

  /** A builder for a function running {@code handler}, with every other default. */
  public static Builder builder(String handler) {
    return new Builder(handler);
  }

  /** Builds {@link IdempotentFunctionProps}. */
  public static final class Builder {
    private final String handler;
    private Code code;
    private JavaRuntime runtime = JavaRuntime.JAVA_21;
    private Architecture architecture = Architecture.ARM_64;
    private int memorySize = 1024;
    private Duration timeout = Duration.seconds(20);
    private String description;
    private String serviceName = "idem";
    private String javaToolOptions = C1_ONLY;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private IdempotencyTable idempotencyTable;
    private boolean transactional;
    private String logGroupName;
    private RetentionDays logRetention = RetentionDays.ONE_MONTH;
    private String aliasName = "live";
    private ProvisionedConcurrency provisionedConcurrency;
    private boolean snapStart;

    private Builder(String handler) {
      this.handler = handler;
    }

    /**
     * The deployment package (tests pass a small asset).
     *
     * @default {@link IdempotentFunction#codeFromJar} of {@link IdempotentFunction#DEFAULT_JAR}
     */
    public Builder code(Code code) {
      this.code = code;
      return this;
    }

    /**
     * The Java runtime.
     *
     * @default {@link JavaRuntime#JAVA_21}
     */
    public Builder runtime(JavaRuntime runtime) {
      this.runtime = runtime;
      return this;
    }

    /**
     * The instruction set.
     *
     * @default {@link Architecture#ARM_64}: about 20% cheaper per GB-second than x86_64, and the
     *     functions jar is pure Java
     */
    public Builder architecture(Architecture architecture) {
      this.architecture = architecture;
      return this;
    }

    /**
     * Memory in MB (CPU grows with it).
     *
     * @default 1024
     */
    public Builder memorySize(int memorySize) {
      this.memorySize = memorySize;
      return this;
    }

    /**
     * The invocation timeout; a {@link QueueConsumer} derives its queue's visibility timeout from
     * it.
     *
     * @default 20 seconds
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * What the function does.
     *
     * @default none
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * {@code POWERTOOLS_SERVICE_NAME}.
     *
     * @default {@code idem}
     */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /**
     * {@code JAVA_TOOL_OPTIONS}, or null for none.
     *
     * @default {@link #C1_ONLY}
     */
    public Builder javaToolOptions(String javaToolOptions) {
      this.javaToolOptions = javaToolOptions;
      return this;
    }

    /**
     * Adds an environment variable.
     *
     * @default none beyond {@code POWERTOOLS_SERVICE_NAME}, {@code JAVA_TOOL_OPTIONS} and {@code
     *     IDEMPOTENCY_TABLE}
     */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * The table of the function's idempotency records: sets {@code IDEMPOTENCY_TABLE} and grants
     * the record actions on it.
     *
     * @default none, for functions that are idempotent by nature (reads)
     */
    public Builder idempotencyTable(IdempotencyTable idempotencyTable) {
      this.idempotencyTable = idempotencyTable;
      return this;
    }

    /**
     * Whether the function's transactions condition-check idempotency records (grants {@link
     * IdempotencyTable#TRANSACTION_ACTION} too).
     *
     * @default false
     */
    public Builder transactional(boolean transactional) {
      this.transactional = transactional;
      return this;
    }

    /**
     * The log group's name.
     *
     * @default a name CloudFormation generates
     */
    public Builder logGroupName(String logGroupName) {
      this.logGroupName = logGroupName;
      return this;
    }

    /**
     * How long the function's logs are kept.
     *
     * @default {@link RetentionDays#ONE_MONTH}
     */
    public Builder logRetention(RetentionDays logRetention) {
      this.logRetention = logRetention;
      return this;
    }

    /**
     * The alias on the current version, which event sources and integrations invoke.
     *
     * @default {@code live}
     */
    public Builder aliasName(String aliasName) {
      this.aliasName = aliasName;
      return this;
    }

    /**
     * Provisioned concurrency on the alias, auto-scaled on utilization. Excludes {@link
     * #snapStart}.
     *
     * @default none
     */
    public Builder provisionedConcurrency(ProvisionedConcurrency provisionedConcurrency) {
      this.provisionedConcurrency = provisionedConcurrency;
      return this;
    }

    /**
     * Whether published versions are SnapStart snapshots. Excludes {@link #provisionedConcurrency}.
     *
     * @default false
     */
    public Builder snapStart(boolean snapStart) {
      this.snapStart = snapStart;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException as {@link IdempotentFunctionProps} does
     */
    public IdempotentFunctionProps build() {
      return new IdempotentFunctionProps(
          handler,
          code,
          runtime,
          architecture,
          memorySize,
          timeout,
          description,
          serviceName,
          javaToolOptions,
          environment,
          idempotencyTable,
          transactional,
          logGroupName,
          logRetention,
          aliasName,
          provisionedConcurrency,
          snapStart);
    }
  }
}
