package dev.idem.local.template;

/**
 * How a function's asynchronous invocations are handled: its {@code EventInvokeConfig} (SAM's
 * property, or an {@code AWS::Lambda::EventInvokeConfig}) and its dead-letter queue (SAM's {@code
 * DeadLetterQueue}, CloudFormation's {@code DeadLetterConfig}). Null components take Lambda's
 * defaults (two retries, six hours, nothing sent anywhere).
 *
 * @param maximumRetryAttempts 0 to 2, or null
 * @param maximumEventAgeInSeconds 60 to 21,600, or null
 * @param onSuccess the {@code OnSuccess} destination's ARN (SQS queue, function, event bus), or
 *     null
 * @param onFailure the {@code OnFailure} destination's ARN, or null
 * @param deadLetterArn the dead-letter queue's ARN, or null
 */
public record InvokeConfig(
    Integer maximumRetryAttempts,
    Integer maximumEventAgeInSeconds,
    String onSuccess,
    String onFailure,
    String deadLetterArn) {

  /** Lambda's defaults. */
  public static final InvokeConfig DEFAULT = new InvokeConfig(null, null, null, null, null);

  /** This configuration with the dead-letter queue {@code arn} (null keeps this one's). */
  InvokeConfig withDeadLetter(String arn) {
    return arn == null
        ? this
        : new InvokeConfig(
            maximumRetryAttempts, maximumEventAgeInSeconds, onSuccess, onFailure, arn);
  }
}
