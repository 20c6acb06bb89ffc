package dev.idem.local.template;

import dev.idem.testing.LocalAccount;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads SAM's function events that become EventBridge rules ({@code EventBridgeRule}, {@code
 * CloudWatchEvent}, {@code Schedule}) or EventBridge Scheduler schedules ({@code ScheduleV2}), as
 * the SAM specification describes them. A rule gets the name {@code <FunctionLogicalId><EventName>}
 * (or its {@code RuleName}/{@code Name}) and one target, the function, with id {@code
 * <FunctionLogicalId><EventName>LambdaTarget} unless {@code Target.Id} is given.
 */
final class SamScheduleEvents {

  private static final String QUEUE_ARN_PREFIX = LocalAccount.arn("sqs", "");

  private final NotEmulated notes;
  private final RuleReader events;

  SamScheduleEvents(ResourceIds ids, NotEmulated notes) {
    this.notes = notes;
    this.events = new RuleReader(ids, notes);
  }

  /**
   * The rule an {@code EventBridgeRule}, {@code CloudWatchEvent} or {@code Schedule} event makes.
   *
   * @throws TemplateException naming the property when the pattern or schedule cannot be read
   */
  RuleEvent rule(String functionId, String functionArn, String name, String type, Props props) {
    String ruleId = functionId + name;
    boolean schedule = type.equals("Schedule");
    String pattern = schedule ? null : RuleReader.pattern(props, "Pattern");
    if (!schedule && pattern == null) {
      props.required("Pattern");
    }
    String expression =
        schedule
            ? RuleReader.schedule(props.required("Schedule"), props.where() + ".Schedule")
            : null;
    String bus = props.string("EventBusName", "default");
    props.ignore("Description");
    Props target = props.child("Target");
    String targetId = target == null ? ruleId + "LambdaTarget" : target.required("Id");
    if (target != null) {
      target.reportUnread(notes);
    }
    Props deadLetter = props.child("DeadLetterConfig");
    String queue = deadLetter == null ? null : createdQueue(deadLetter, ruleId);
    String deadLetterArn =
        deadLetter == null
            ? null
            : queue != null ? QUEUE_ARN_PREFIX + queue : deadLetter.string("Arn");
    RuleSpec.Target spec =
        new RuleSpec.Target(
            targetId,
            functionArn,
            deadLetterArn,
            props.string("Input"),
            props.string("InputPath"),
            null,
            events.inputTransformer(props.child("InputTransformer")),
            events.retryPolicy(props.child("RetryPolicy")));
    String ruleName = props.string(schedule ? "Name" : "RuleName", ruleId);
    RuleSpec rule =
        new RuleSpec(
            ruleId,
            bus.substring(bus.lastIndexOf('/') + 1),
            ruleName,
            pattern,
            expression,
            state(props),
            null,
            List.of(spec));
    if (deadLetter != null) {
      deadLetter.reportUnread(notes);
    }
    return new RuleEvent(name, rule, queue);
  }

  /**
   * The schedule a {@code ScheduleV2} event makes. {@code FlexibleTimeWindow} is honoured by firing
   * at the start of the window; {@code RetryPolicy} and {@code DeadLetterConfig} are read but never
   * apply (Scheduler's delivery to a local function's asynchronous queue does not fail).
   *
   * @throws TemplateException naming the property when the expression or time zone is wrong
   */
  SchedulerEvent scheduleV2(String functionId, String name, Props props) {
    return schedule(name, functionId + name, props, props.string("Input", "{}"));
  }

  /**
   * A schedule of {@code props} (SAM's ScheduleV2, or an AWS::Scheduler::Schedule whose target's
   * {@code Input} is {@code input}), named by its {@code Name} or {@code defaultName}.
   */
  SchedulerEvent schedule(String name, String defaultName, Props props, String input) {
    String where = props.where();
    String expression =
        RuleReader.schedule(props.required("ScheduleExpression"), where + ".ScheduleExpression");
    String zone = props.string("ScheduleExpressionTimezone", "UTC");
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new TemplateException(
          where + ".ScheduleExpressionTimezone " + zone + " is no time zone", e);
    }
    props.ignore(
        "Description",
        "FlexibleTimeWindow",
        "RetryPolicy",
        "DeadLetterConfig",
        "RoleArn",
        "PermissionsBoundary",
        "OmitName");
    SchedulerEvent event =
        new SchedulerEvent(
            name,
            props.string("Name", defaultName),
            expression,
            zone,
            input,
            state(props).equals("ENABLED"));
    props.reportUnread(notes);
    return event;
  }

  private static String state(Props props) {
    String state = props.string("State");
    if (state != null) {
      return state;
    }
    return props.bool("Enabled", true) ? "ENABLED" : "DISABLED";
  }

  /** The queue SAM creates for {@code Type: SQS}, or null when an {@code Arn} is given. */
  private String createdQueue(Props deadLetter, String ruleId) {
    String type = deadLetter.string("Type");
    if (type == null) {
      return null;
    }
    if (!type.equals("SQS")) {
      throw new TemplateException(deadLetter.where() + ".Type " + type + " is not SQS");
    }
    return deadLetter.string("QueueLogicalId", ruleId + "Queue");
  }
}
