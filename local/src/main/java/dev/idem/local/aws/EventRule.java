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

  /**
   * A target, with the JSON it was put as (ListTargetsByRule answers it back).
   *
   * @param inputPathsMap the {@code InputTransformer}'s variables and their JSON paths, or null
   * @param inputTemplate the {@code InputTransformer}'s template, or null without one
   * @param maximumRetryAttempts retries after a failed delivery ({@code RetryPolicy}; 185)
   * @param maximumEventAgeSeconds how old an event may get while it is retried (86,400)
   */
  record Target(
      String id,
      String arn,
      String deadLetterArn,
      String input,
      String inputPath,
      String messageGroupId,
      Map<String, String> inputPathsMap,
      String inputTemplate,
      int maximumRetryAttempts,
      int maximumEventAgeSeconds,
      ObjectNode json) {

    /** EventBridge's default RetryPolicy. */
    static final int DEFAULT_RETRY_ATTEMPTS = 185;

    static final int DEFAULT_EVENT_AGE_SECONDS = 86_400;

    static Target of(ObjectNode json) {
      com.fasterxml.jackson.databind.JsonNode transformer = json.path("InputTransformer");
      com.fasterxml.jackson.databind.JsonNode retry = json.path("RetryPolicy");
      Map<String, String> paths = new LinkedHashMap<>();
      transformer
          .path("InputPathsMap")
          .properties()
          .forEach(e -> paths.put(e.getKey(), e.getValue().asText()));
      return new Target(
          json.path("Id").asText(null),
          json.path("Arn").asText(null),
          json.path("DeadLetterConfig").path("Arn").asText(null),
          json.path("Input").asText(null),
          json.path("InputPath").asText(null),
          json.path("SqsParameters").path("MessageGroupId").asText(null),
          transformer.isObject() ? paths : null,
          transformer.path("InputTemplate").asText(null),
          retry.path("MaximumRetryAttempts").asInt(DEFAULT_RETRY_ATTEMPTS),
          retry.path("MaximumEventAgeInSeconds").asInt(DEFAULT_EVENT_AGE_SECONDS),
          json.deepCopy());
    }
  }
}
