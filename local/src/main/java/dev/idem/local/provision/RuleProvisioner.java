package dev.idem.local.provision;

import dev.idem.local.template.PhysicalIds;
import dev.idem.local.template.RuleSpec;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.SqsParameters;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Creates (or replaces) an EventBridge rule with its targets. */
final class RuleProvisioner implements ResourceProvisioner<RuleSpec> {

  private final EventBridgeClient events;

  RuleProvisioner(EventBridgeClient events) {
    this.events = events;
  }

  @Override
  public void create(RuleSpec rule, PhysicalIds ids) {
    ids.putAtt(rule.logicalId(), "Arn", put(rule));
  }

  /**
   * Puts the rule, then its targets.
   *
   * @return the rule's ARN
   * @throws IllegalStateException naming the rule when a target is refused
   */
  String put(RuleSpec rule) {
    String arn =
        events
            .putRule(r ->
                r.name(rule.name())
                    .eventBusName(rule.bus())
                    .eventPattern(rule.pattern())
                    .scheduleExpression(rule.scheduleExpression())
                    .state(rule.state())
                    .description(rule.description()))
            .ruleArn();
    if (rule.targets().isEmpty()) {
      return arn;
    }
    List<Target> targets = rule.targets().stream().map(RuleProvisioner::target).toList();
    PutTargetsResponse response =
        events.putTargets(r -> r.rule(rule.name()).eventBusName(rule.bus()).targets(targets));
    if (response.failedEntryCount() > 0) {
      throw new IllegalStateException(
          "Rule " + rule.logicalId() + ": targets refused: " + response.failedEntries());
    }
    return arn;
  }

  private static Target target(RuleSpec.Target target) {
    Target.Builder builder =
        Target.builder()
            .id(target.id())
            .arn(target.arn())
            .input(target.input())
            .inputPath(target.inputPath());
    if (target.deadLetterArn() != null) {
      builder.deadLetterConfig(DeadLetterConfig.builder().arn(target.deadLetterArn()).build());
    }
    if (target.messageGroupId() != null) {
      builder.sqsParameters(
          SqsParameters.builder().messageGroupId(target.messageGroupId()).build());
    }
    if (target.inputTransformer() != null) {
      builder.inputTransformer(
          InputTransformer.builder()
              .inputPathsMap(target.inputTransformer().inputPathsMap())
              .inputTemplate(target.inputTransformer().inputTemplate())
              .build());
    }
    if (target.retryPolicy() != null) {
      builder.retryPolicy(
          RetryPolicy.builder()
              .maximumRetryAttempts(target.retryPolicy().maximumRetryAttempts())
              .maximumEventAgeInSeconds(target.retryPolicy().maximumEventAgeInSeconds())
              .build());
    }
    return builder.build();
  }
}
