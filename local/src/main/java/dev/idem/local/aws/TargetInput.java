package dev.idem.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a target receives: its constant Input, the part its InputPath selects, or the event. */
final class TargetInput {

  private TargetInput() {}

  static String body(EventRule.Target target, ObjectNode event, String eventJson) {
    if (target.input() != null) {
      return target.input();
    }
    if (target.inputPath() != null) {
      JsonNode selected = event.at(pointer(target.inputPath()));
      return selected.isMissingNode() ? "null" : selected.toString();
    }
    return eventJson;
  }

  /** {@code $.detail.order} → {@code /detail/order}. */
  static String pointer(String path) {
    String rest = path.startsWith("$") ? path.substring(1) : path;
    return rest.isEmpty() ? "" : rest.replace("~", "~0").replace("/", "~1").replace('.', '/');
  }
}
