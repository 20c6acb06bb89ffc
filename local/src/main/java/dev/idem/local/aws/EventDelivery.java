package dev.idem.local.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers one matched event to one target; a target that refuses it sends the event to its
 * dead-letter queue at once (no retries locally), with the attributes EventBridge adds.
 */
final class EventDelivery {

  private static final System.Logger LOG = System.getLogger(EventDelivery.class.getName());

  private final EventTargetSender sender;
  private final AtomicLong matched = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile EventFaults faults = EventFaults.NONE;

  EventDelivery(EventTargetSender sender) {
    this.sender = sender;
  }

  EventBridgeService.Stats stats() {
    return new EventBridgeService.Stats(
        matched.get(), delivered.get(), deadLettered.get(), failed.get());
  }

  void faults(EventFaults newFaults) {
    this.faults = newFaults;
  }

  /** Counts the match now; the returned task delivers it (on the bus's delivery thread). */
  Runnable of(String bus, EventRule rule, EventRule.Target target, ObjectNode event, String json) {
    matched.incrementAndGet();
    return () -> {
      deliver(rule, target, event, json);
      if (faults.duplicateDelivery(bus, rule.name(), target.arn(), event.path("id").asText())) {
        deliver(rule, target, event, json);
      }
    };
  }

  private void deliver(EventRule rule, EventRule.Target target, ObjectNode event, String json) {
    String id = event.path("id").asText();
    String body = TargetInput.body(target, event, json);
    try {
      sender.send(
          new EventTargetSender.Message(target.arn(), body, target.messageGroupId(), id, Map.of()));
      delivered.incrementAndGet();
    } catch (Exception e) {
      deadLetter(rule, target, body, id, e);
    }
  }

  private void deadLetter(
      EventRule rule, EventRule.Target target, String body, String id, Exception cause) {
    if (target.deadLetterArn() != null) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("RULE_ARN", rule.arn());
      attributes.put("TARGET_ARN", target.arn());
      attributes.put("ERROR_CODE", cause.getClass().getSimpleName());
      attributes.put("ERROR_MESSAGE", String.valueOf(cause.getMessage()));
      try {
        sender.send(
            new EventTargetSender.Message(target.deadLetterArn(), body, null, id, attributes));
        deadLettered.incrementAndGet();
        return;
      } catch (Exception e) {
        cause.addSuppressed(e);
      }
    }
    failed.incrementAndGet();
    LOG.log(
        System.Logger.Level.WARNING,
        "Rule {0} could not deliver event {1} to {2}: {3}",
        rule.name(),
        id,
        target.arn(),
        cause.toString());
  }
}
