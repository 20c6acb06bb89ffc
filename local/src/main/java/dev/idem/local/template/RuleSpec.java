package dev.idem.local.template;

import java.util.List;
import java.util.Map;

/**
 * An EventBridge rule ({@code AWS::Events::Rule}).
 *
 * @param logicalId its logical id
 * @param bus the name of its bus ({@code default} when none is given)
 * @param name its {@code Name}, or the logical id
 * @param pattern its event pattern as compact JSON, or null for a schedule rule
 * @param scheduleExpression its schedule, or null (schedules are not emulated)
 * @param state ENABLED or DISABLED
 * @param description its description, or null
 * @param targets its targets
 */
public record RuleSpec(
    String logicalId,
    String bus,
    String name,
    String pattern,
    String scheduleExpression,
    String state,
    String description,
    List<Target> targets)
    implements ProvisionedSpec {

  @Override
  public ResourceKind kind() {
    return ResourceKind.RULE;
  }

  public RuleSpec {
    targets = List.copyOf(targets);
  }

  /**
   * A rule's target.
   *
   * @param id its id within the rule
   * @param arn where matching events go (an SQS queue ARN, locally)
   * @param deadLetterArn the queue ARN of its {@code DeadLetterConfig}, or null
   * @param input a constant JSON text sent instead of the event, or null
   * @param inputPath a JSON path ({@code $.detail}) selecting what is sent, or null
   * @param messageGroupId the {@code SqsParameters.MessageGroupId} for a FIFO queue, or null
   * @param inputTransformer what the target receives instead of the event, built from it, or null
   * @param retryPolicy how long a delivery that failed for a transient reason is retried, or null
   *     for EventBridge's default (185 attempts, 24 hours)
   */
  public record Target(
      String id,
      String arn,
      String deadLetterArn,
      String input,
      String inputPath,
      String messageGroupId,
      InputTransformer inputTransformer,
      RetryPolicy retryPolicy) {

    /** A target without an input transformer and with the default retry policy. */
    public Target(
        String id,
        String arn,
        String deadLetterArn,
        String input,
        String inputPath,
        String messageGroupId) {
      this(id, arn, deadLetterArn, input, inputPath, messageGroupId, null, null);
    }
  }

  /**
   * A target's {@code InputTransformer}.
   *
   * @param inputPathsMap variable name to the JSON path ({@code $.detail.id}) of its value
   * @param inputTemplate the text sent, with {@code <variable>} placeholders
   */
  public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

    public InputTransformer {
      inputPathsMap = Map.copyOf(inputPathsMap);
      java.util.Objects.requireNonNull(inputTemplate, "inputTemplate");
    }
  }

  /**
   * A target's {@code RetryPolicy}; null components take EventBridge's defaults.
   *
   * @param maximumRetryAttempts retries after the first attempt (0 to 185), or null
   * @param maximumEventAgeInSeconds how old an event may get while it is retried (60 to 86,400), or
   *     null
   */
  public record RetryPolicy(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds) {}
}
