package dev.idem.local.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsError;
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

    /** EventBridge's bounds of a RetryPolicy (API Reference, RetryPolicy). */
    static final int MAX_RETRY_ATTEMPTS = 185;

    static final int MIN_EVENT_AGE_SECONDS = 60;

    /**
     * The target PutTargets was given.
     *
     * @throws AwsError a {@code ValidationException} when its input settings or retry policy are
     *     ones PutTargets refuses
     */
    static Target of(ObjectNode json) {
      TargetInput.validate(json);
      com.fasterxml.jackson.databind.JsonNode transformer = json.path("InputTransformer");
      com.fasterxml.jackson.databind.JsonNode retry = json.path("RetryPolicy");
      int attempts =
          bounded(retry, "MaximumRetryAttempts", DEFAULT_RETRY_ATTEMPTS, 0, MAX_RETRY_ATTEMPTS);
      int age =
          bounded(
              retry,
              "MaximumEventAgeInSeconds",
              DEFAULT_EVENT_AGE_SECONDS,
              MIN_EVENT_AGE_SECONDS,
              DEFAULT_EVENT_AGE_SECONDS);
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
          attempts,
          age,
          json.deepCopy());
    }

    /** A RetryPolicy member, or its default; out of bounds, AWS's constraint message. */
    private static int bounded(
        com.fasterxml.jackson.databind.JsonNode retry,
        String member,
        int absent,
        int min,
        int max) {
      com.fasterxml.jackson.databind.JsonNode value = retry.path(member);
      if (value.isMissingNode() || value.isNull()) {
        return absent;
      }
      String path = "retryPolicy." + Character.toLowerCase(member.charAt(0)) + member.substring(1);
      if (value.asLong() < min || value.asLong() > max) {
        throw AwsError.validation(
            "1 validation error detected: Value '"
                + value.asText()
                + "' at '"
                + path
                + "' failed to satisfy constraint: Member must have value "
                + (value.asLong() < min
                    ? "greater than or equal to " + min
                    : "less than or equal to " + max));
      }
      return value.asInt();
    }
  }
}
