package dev.idem.local.template;

/**
 * A SAM {@code EventBridgeRule}, {@code CloudWatchEvent} or {@code Schedule} event: the rule SAM
 * generates, with the function as its one target (asynchronous invocation).
 *
 * @param name the event's key in {@code Events}
 * @param rule the rule: named {@code <FunctionLogicalId><EventName>} unless the event names it, its
 *     target {@code <FunctionLogicalId><EventName>LambdaTarget} unless {@code Target.Id} is given
 * @param deadLetterQueue the name of the queue SAM creates for {@code DeadLetterConfig: {Type:
 *     SQS}} (its {@code QueueLogicalId}), or null
 */
public record RuleEvent(String name, RuleSpec rule, String deadLetterQueue)
    implements FunctionEvent {

  /** Whether the rule is enabled. */
  public boolean enabled() {
    return rule.state().startsWith("ENABLED");
  }
}
