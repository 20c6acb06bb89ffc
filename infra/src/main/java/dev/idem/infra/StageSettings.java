package dev.idem.infra;

import dev.idem.infra.constructs.IdempotentFunction;
import dev.idem.infra.constructs.JavaRuntime;
import java.util.function.Function;

/**
 * What differs between deployments of the orders system, read from CDK context ({@code cdk deploy
 * -c stage=prod -c apiProvisionedConcurrency=2}); the defaults are template.yaml's parameter
 * defaults. The keys are the record's component names.
 *
 * @param stage the stage: the API stage and part of resource names; {@code prod} turns on table
 *     deletion protection
 * @param highValueOrderThreshold order total, in minor units, from which an OrderPlaced event also
 *     goes to the review queue
 * @param paymentProviderUrl the payment provider's base URL
 * @param notificationProviderUrl the notification provider's base URL
 * @param apiProvisionedConcurrency provisioned concurrency of each API function's alias (0: none;
 *     the default is 1, or 0 with {@code apiSnapStart})
 * @param apiProvisionedConcurrencyMax the most auto scaling provisions per API function
 * @param apiSnapStart SnapStart on the API functions instead of provisioned concurrency
 * @param queueMaximumConcurrency the most concurrent invocations each SQS event source drives
 * @param apiThrottlingRateLimit steady requests per second per API method
 * @param apiThrottlingBurstLimit request burst per API method
 * @param javaRuntime the functions' runtime
 * @param functionsJar path of the functions' shaded jar, from the repository root
 * @param alarmTopicArn an SNS topic the alarms notify, or null for none
 */
public record StageSettings(
    String stage,
    int highValueOrderThreshold,
    String paymentProviderUrl,
    String notificationProviderUrl,
    int apiProvisionedConcurrency,
    int apiProvisionedConcurrencyMax,
    boolean apiSnapStart,
    int queueMaximumConcurrency,
    int apiThrottlingRateLimit,
    int apiThrottlingBurstLimit,
    JavaRuntime javaRuntime,
    String functionsJar,
    String alarmTopicArn) {

  /**
   * Validates the settings with template.yaml's parameter constraints.
   *
   * @throws IllegalArgumentException naming the context key of a value out of range
   */
  public StageSettings {
    require(stage.matches("[a-z][a-z0-9-]{0,15}"), "stage", "^[a-z][a-z0-9-]{0,15}$", stage);
    require(
        highValueOrderThreshold >= 0, "highValueOrderThreshold", ">= 0", highValueOrderThreshold);
    require(
        apiProvisionedConcurrency >= 0,
        "apiProvisionedConcurrency",
        ">= 0",
        apiProvisionedConcurrency);
    require(
        apiProvisionedConcurrencyMax >= apiProvisionedConcurrency,
        "apiProvisionedConcurrencyMax",
        ">= apiProvisionedConcurrency",
        apiProvisionedConcurrencyMax);
    require(
        queueMaximumConcurrency >= 2 && queueMaximumConcurrency <= 1000,
        "queueMaximumConcurrency",
        "2..1000",
        queueMaximumConcurrency);
    require(
        !(apiSnapStart && apiProvisionedConcurrency > 0),
        "apiProvisionedConcurrency",
        "0 when apiSnapStart is true (a function version has SnapStart or provisioned"
            + " concurrency, not both)",
        apiProvisionedConcurrency);
    require(apiThrottlingRateLimit >= 1, "apiThrottlingRateLimit", ">= 1", apiThrottlingRateLimit);
    require(
        apiThrottlingBurstLimit >= 1, "apiThrottlingBurstLimit", ">= 1", apiThrottlingBurstLimit);
  }

  /** The settings of a deployment with no context at all: template.yaml's defaults. */
  public static StageSettings defaults() {
    return fromContext(key -> null);
  }

  /**
   * Reads the settings from CDK context; a key without a value takes its default. Values may be
   * JSON values (cdk.json) or strings ({@code -c key=value}).
   *
   * @throws IllegalArgumentException when a value is not of its key's type or out of range
   */
  public static StageSettings fromContext(Function<String, Object> context) {
    Context c = new Context(context);
    boolean snapStart = c.bool("apiSnapStart", false);
    int provisioned = c.integer("apiProvisionedConcurrency", snapStart ? 0 : 1);
    return new StageSettings(
        c.string("stage", "dev"),
        c.integer("highValueOrderThreshold", 100_000),
        c.string("paymentProviderUrl", "http://127.0.0.1:4010"),
        c.string("notificationProviderUrl", "http://127.0.0.1:4011"),
        provisioned,
        c.integer("apiProvisionedConcurrencyMax", Math.max(provisioned, 4)),
        snapStart,
        c.integer("queueMaximumConcurrency", 5),
        c.integer("apiThrottlingRateLimit", 100),
        c.integer("apiThrottlingBurstLimit", 200),
        JavaRuntime.of(c.string("javaRuntime", JavaRuntime.JAVA_21.id())),
        c.string("functionsJar", IdempotentFunction.DEFAULT_JAR),
        c.string("alarmTopicArn", null));
  }

  /** Whether this is the production stage (tables refuse deletion). */
  public boolean isProd() {
    return stage.equals("prod");
  }

  private static void require(boolean valid, String key, String rule, Object value) {
    if (!valid) {
      throw new IllegalArgumentException(
          "CDK context '" + key + "' must be " + rule + ", was '" + value + "'");
    }
  }

  private record Context(Function<String, Object> values) {

    String string(String key, String fallback) {
      Object value = values.apply(key);
      return value == null ? fallback : value.toString();
    }

    int integer(String key, int fallback) {
      if (values.apply(key) instanceof Number n && n.doubleValue() == n.intValue()) {
        return n.intValue();
      }
      String value = string(key, null);
      try {
        return value == null ? fallback : Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "CDK context '" + key + "' must be an integer, was '" + value + "'", e);
      }
    }

    boolean bool(String key, boolean fallback) {
      String value = string(key, null);
      if (value == null) {
        return fallback;
      }
      return switch (value.trim()) {
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new IllegalArgumentException(
                "CDK context '" + key + "' must be true or false, was '" + value + "'");
      };
    }
  }
}
