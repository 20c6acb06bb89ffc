package dev.idem.local.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A function's answer to a batch under {@code ReportBatchItemFailures}, judged by Lambda's rules:
 * no answer, {@code null}, an empty list {@code []}, an object without {@code batchItemFailures},
 * or an empty or null list mean every item succeeded; a list naming items of the batch fails those
 * items; anything else (not JSON, not an object, an entry without a non-empty {@code
 * itemIdentifier}, an identifier not in the batch) fails the whole batch.
 *
 * @param failed the identifiers reported, in the batch's order; empty when all succeeded
 * @param invalidReason why the answer fails the whole batch, or null when it is valid
 */
public record BatchResponse(List<String> failed, String invalidReason) {

  public static BatchResponse parse(byte[] payload, List<String> identifiers) {
    if (payload.length == 0) {
      return new BatchResponse(List.of(), null);
    }
    JsonNode answer = Json.parse(payload).orElse(null);
    if (answer == null) {
      return invalid("the response is not JSON");
    }
    if (answer.isNull() || answer.isMissingNode() || (answer.isArray() && answer.isEmpty())) {
      return new BatchResponse(List.of(), null);
    }
    if (!answer.isObject()) {
      return invalid("the response is not a JSON object");
    }
    JsonNode failures = answer.path("batchItemFailures");
    if (failures.isMissingNode() || failures.isNull()) {
      return new BatchResponse(List.of(), null);
    }
    if (!failures.isArray()) {
      return invalid("batchItemFailures is not a list");
    }
    return listed(failures, identifiers);
  }

  private static BatchResponse listed(JsonNode failures, List<String> identifiers) {
    Set<String> named = new LinkedHashSet<>();
    for (JsonNode failure : failures) {
      JsonNode id = failure.path("itemIdentifier");
      if (!id.isTextual() || id.asText().isEmpty()) {
        return invalid("an entry of batchItemFailures has no itemIdentifier: " + failure);
      }
      if (!identifiers.contains(id.asText())) {
        return invalid("itemIdentifier " + id.asText() + " is not in the batch");
      }
      named.add(id.asText());
    }
    List<String> failed = new ArrayList<>();
    for (String identifier : identifiers) {
      if (named.contains(identifier)) {
        failed.add(identifier);
      }
    }
    return new BatchResponse(List.copyOf(failed), null);
  }

  private static BatchResponse invalid(String reason) {
    return new BatchResponse(List.of(), reason);
  }

  public boolean valid() {
    return invalidReason == null;
  }

  public boolean allSucceeded() {
    return valid() && failed.isEmpty();
  }
}
