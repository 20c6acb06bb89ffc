package dev.idem.local.template;

import java.util.List;

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
    implements ResourceSpec {

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
   */
  public record Target(
      String id,
      String arn,
      String deadLetterArn,
      String input,
      String inputPath,
      String messageGroupId) {}
}
