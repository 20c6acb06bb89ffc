package dev.idem.local.eventbridge;

import dev.idem.local.aws.AwsError;
import dev.idem.testing.LocalAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.event.ruler.Machine;

/**
 * One bus: its rules, an event-ruler {@link Machine} holding the enabled rules' patterns, and one
 * delivery thread so deliveries leave in the order events were put.
 */
final class EventBus implements AutoCloseable {

  private final String name;
  private final String arn;
  private final Machine machine = Machine.builder().build();
  private final Map<String, EventRule> rules = new LinkedHashMap<>();
  private final ExecutorService deliveries =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("eventbridge-", 0).factory());

  EventBus(String name) {
    this.name = name;
    this.arn = LocalAccount.arn("events", "event-bus/" + name);
  }

  String name() {
    return name;
  }

  String arn() {
    return arn;
  }

  String ruleArn(String rule) {
    String path = name.equals("default") ? rule : name + "/" + rule;
    return LocalAccount.arn("events", "rule/" + path);
  }

  /** Creates or replaces a rule, keeping its targets; validates the pattern first. */
  synchronized EventRule putRule(EventRule rule) {
    if (rule.pattern() != null) {
      validate(rule.pattern());
    }
    EventRule old = rules.get(rule.name());
    EventRule updated = old == null ? rule : rule.withTargets(old.targets());
    replace(old, updated);
    return updated;
  }

  synchronized EventRule rule(String ruleName) {
    EventRule rule = rules.get(ruleName);
    if (rule == null) {
      throw AwsError.notFound("Rule " + ruleName + " does not exist on EventBus " + name + ".");
    }
    return rule;
  }

  synchronized List<EventRule> rules(String prefix) {
    return rules.values().stream().filter(r -> r.name().startsWith(prefix)).toList();
  }

  synchronized void update(EventRule rule) {
    replace(rules.get(rule.name()), rule);
  }

  synchronized void deleteRule(String ruleName) {
    EventRule rule = rules.get(ruleName);
    if (rule == null) {
      return;
    }
    if (!rule.targets().isEmpty()) {
      throw AwsError.validation("Rule can't be deleted since it has targets.");
    }
    replace(rule, null);
  }

  synchronized boolean hasRules() {
    return !rules.isEmpty();
  }

  /** The rules whose pattern matches the event. */
  synchronized List<EventRule> match(String eventJson) {
    try {
      List<EventRule> matched = new ArrayList<>();
      for (String ruleName : new java.util.LinkedHashSet<>(machine.rulesForJSONEvent(eventJson))) {
        matched.add(rules.get(ruleName));
      }
      return matched;
    } catch (Exception e) {
      throw AwsError.validation("Event could not be matched: " + e.getMessage());
    }
  }

  void deliver(Runnable delivery) {
    deliveries.execute(delivery);
  }

  /** Waits (bounded) for queued deliveries, then stops the delivery thread. */
  @Override
  public void close() {
    deliveries.shutdown();
    try {
      deliveries.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deliveries.shutdownNow();
  }

  private void replace(EventRule old, EventRule updated) {
    try {
      if (old != null && old.matches()) {
        machine.deleteRule(old.name(), old.pattern());
      }
      if (updated != null && updated.matches()) {
        machine.addRule(updated.name(), updated.pattern());
      }
    } catch (java.io.IOException e) {
      throw invalidPattern(e);
    }
    if (updated == null) {
      rules.remove(old.name());
    } else {
      rules.put(updated.name(), updated);
    }
  }

  private static void validate(String pattern) {
    try {
      Machine.builder().build().addRule("check", pattern);
    } catch (Exception e) {
      throw invalidPattern(e);
    }
  }

  private static AwsError invalidPattern(Exception e) {
    return new AwsError(
        400,
        "InvalidEventPatternException",
        "Event pattern is not valid. Reason: " + e.getMessage());
  }
}
