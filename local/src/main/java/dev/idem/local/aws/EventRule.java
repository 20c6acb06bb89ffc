package dev.idem.local.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule as the EventBridge service holds it; replaced whole on every change.
 *
 * @param targets by target id, in the order they were put
 */
record EventRule(
    String name,
    String arn,
    String busName,
    String pattern,
    String scheduleExpression,
    String state,
    String description,
    Map<String, Target> targets) {

  EventRule {
    targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
  }

  boolean matches() {
    return pattern != null && state.startsWith("ENABLED");
  }

  EventRule withTargets(Map<String, Target> changed) {
    return new EventRule(
        name, arn, busName, pattern, scheduleExpression, state, description, changed);
  }

  EventRule withState(String changed) {
    return new EventRule(
        name, arn, busName, pattern, scheduleExpression, changed, description, targets);
  }

  /** A target, with the JSON it was put as (ListTargetsByRule answers it back). */
  record Target(
      String id,
      String arn,
      String deadLetterArn,
      String input,
      String inputPath,
      String messageGroupId,
      ObjectNode json) {

    static Target of(ObjectNode json) {
      return new Target(
          json.path("Id").asText(null),
          json.path("Arn").asText(null),
          json.path("DeadLetterConfig").path("Arn").asText(null),
          json.path("Input").asText(null),
          json.path("InputPath").asText(null),
          json.path("SqsParameters").path("MessageGroupId").asText(null),
          json.deepCopy());
    }
  }
}
