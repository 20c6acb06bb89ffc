package dev.idem.local.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsError;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.schedule.ScheduleExpression;
import dev.idem.local.schedule.ScheduleTicker;
import dev.idem.testing.LocalAccount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The EventBridge service's schedule rules: each enabled rule with a {@code ScheduleExpression}
 * fires on time (UTC) with the event EventBridge sends for a schedule ("Creating a rule that runs
 * on a schedule in Amazon EventBridge"): {@code "detail-type": "Scheduled Event"}, {@code "source":
 * "aws.events"}, the rule's ARN as its one resource and an empty {@code detail}.
 */
final class RuleSchedules implements AutoCloseable {

  /** Delivers a schedule's event to the rule's targets. */
  @FunctionalInterface
  interface Targets {
    void deliver(EventBus bus, EventRule rule, ObjectNode event);
  }

  private final ScheduleTicker ticker;
  private final Targets targets;

  RuleSchedules(ScheduleTicker ticker, Targets targets) {
    this.ticker = ticker;
    this.targets = targets;
  }

  /**
   * Checks a rule's expression as PutRule does.
   *
   * @throws AwsError (ValidationException) when it is not valid, or the bus is not the default one
   */
  static void validate(String schedule, EventBus bus) {
    if (!bus.name().equals("default")) {
      throw AwsError.validation("ScheduleExpression is supported only on the default event bus.");
    }
    try {
      ScheduleExpression.parse(schedule);
    } catch (IllegalArgumentException e) {
      throw AwsError.validation("Parameter ScheduleExpression is not valid: " + e.getMessage());
    }
  }

  /** Schedules the rule if it is an enabled schedule rule, else stops its schedule. */
  void update(EventBus bus, EventRule rule) {
    String key = key(bus, rule.name());
    if (rule.scheduleExpression() == null || !rule.state().startsWith("ENABLED")) {
      ticker.remove(key);
    } else {
      ticker.put(
          key,
          ScheduleExpression.parse(rule.scheduleExpression()),
          ZoneOffset.UTC,
          due -> fire(bus, rule.name(), due));
    }
  }

  void remove(EventBus bus, String ruleName) {
    ticker.remove(key(bus, ruleName));
  }

  /** The event a schedule rule's targets get when it fires at {@code due}. */
  static ObjectNode event(EventRule rule, Instant due) {
    ObjectNode event = AwsJson.MAPPER.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.events");
    event.put("account", LocalAccount.ID);
    event.put("time", due.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", LocalAccount.REGION);
    event.putArray("resources").add(rule.arn());
    event.putObject("detail");
    return event;
  }

  @Override
  public void close() {
    ticker.close();
  }

  private void fire(EventBus bus, String ruleName, Instant due) {
    EventRule rule;
    try {
      rule = bus.rule(ruleName);
    } catch (AwsError deleted) {
      return;
    }
    targets.deliver(bus, rule, event(rule, due));
  }

  private static String key(EventBus bus, String rule) {
    return bus.name() + "/" + rule;
  }
}
