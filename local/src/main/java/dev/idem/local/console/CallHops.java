package dev.idem.local.console;

import static dev.idem.local.console.FlowHops.add;
import static dev.idem.local.console.FlowHops.parse;
import static dev.idem.local.console.FlowHops.preview;
import static dev.idem.local.console.FlowHops.text;
import static dev.idem.local.console.FlowHops.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calls a function makes, read as {@link Flow.Hop}s: its AWS calls through the edge (what they
 * wrote and how they were answered, a refused conditional write told apart from an error) and its
 * requests to the external providers' stubs (linked by their key's hash, never the key).
 */
final class CallHops {

  private CallHops() {}

  static Flow.Hop<ObjectNode> aws(CallLog.Entry entry) {
    JsonNode request = parse(entry.request());
    JsonNode response = parse(entry.response());
    String resource = entry.invoked() != null ? entry.invoked() : resource(request);
    ObjectNode view = view("aws-call", resource, entry.duration());
    view.put("service", entry.service()).put("operation", entry.operation());
    view.put("function", entry.function()).put("requestId", entry.requestId());
    view.put("status", entry.status()).put("request", preview(entry.request()));
    outcome(view, entry.status(), errorCode(response));
    view.put(
        "summary",
        entry.operation()
            + (resource == null ? "" : " " + resource)
            + (entry.function() == null ? "" : " by " + entry.function()));
    Set<String> links = new LinkedHashSet<>();
    add(links, response == null ? null : text(response, "MessageId"));
    Set<String> refs = new LinkedHashSet<>();
    add(refs, entry.requestId());
    return new Flow.Hop<>(
        entry.at(),
        new Flow.Links(
            entry.request() + "\n" + entry.response(),
            links,
            refs,
            entries(entry.operation(), request, response),
            Set.of(),
            false),
        view);
  }

  /**
   * The call's outcome in words, on {@code view}: a write whose condition did not hold is
   * "rejected", an answer the code expects, not an error.
   */
  private static void outcome(ObjectNode view, int status, String code) {
    boolean rejected =
        code != null
            && (code.startsWith("ConditionalCheckFailed")
                || code.startsWith("TransactionCanceled"));
    String outcome;
    if (status == 0) {
      outcome = "no answer: the connection was dropped";
    } else if (status < 300) {
      outcome = "ok";
    } else if (rejected) {
      outcome = "rejected: " + code + " (the write's condition did not hold; nothing changed)";
    } else {
      outcome = "error: " + (code == null ? "" : code + " ") + "(HTTP " + status + ")";
    }
    view.put("outcome", outcome).put("error", status == 0 || (status >= 300 && !rejected));
  }

  /** A PutEvents' or SendMessageBatch's entries, each with the id it was given. */
  private static List<Flow.Part> entries(String operation, JsonNode request, JsonNode response) {
    List<Flow.Part> parts = new ArrayList<>();
    if (request == null) {
      return parts;
    }
    JsonNode sent = request.path("Entries");
    if ("PutEvents".equals(operation)) {
      JsonNode results = response == null ? null : response.path("Entries");
      for (int i = 0; i < sent.size(); i++) {
        Set<String> ids = new LinkedHashSet<>();
        add(ids, results == null ? null : text(results.path(i), "EventId"));
        parts.add(new Flow.Part(sent.get(i).toString(), ids));
      }
    } else if ("SendMessageBatch".equals(operation)) {
      Map<String, String> messageIds = new HashMap<>();
      if (response != null) {
        for (JsonNode done : response.path("Successful")) {
          messageIds.put(done.path("Id").asText(), done.path("MessageId").asText());
        }
      }
      for (JsonNode one : sent) {
        Set<String> ids = new LinkedHashSet<>();
        add(ids, messageIds.get(one.path("Id").asText()));
        parts.add(new Flow.Part(one.toString(), ids));
      }
    }
    return parts;
  }

  /** The table, queue or bus a call names. */
  private static String resource(JsonNode request) {
    if (request == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    add(names, text(request, "TableName"));
    request.path("RequestItems").fieldNames().forEachRemaining(names::add);
    for (JsonNode item : request.path("TransactItems")) {
      item.elements().forEachRemaining(operation -> add(names, text(operation, "TableName")));
    }
    String queue = text(request, "QueueUrl");
    if (queue != null) {
      names.add(queue.substring(queue.lastIndexOf('/') + 1));
    }
    for (JsonNode entry : request.path("Entries")) {
      String bus = text(entry, "EventBusName");
      if (bus != null || entry.has("DetailType")) {
        names.add(bus == null ? "default" : bus.substring(bus.lastIndexOf('/') + 1));
      }
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  /** An AWS JSON error's code ({@code __type} after its {@code #}), or null. */
  private static String errorCode(JsonNode response) {
    String type = response == null ? null : text(response, "__type");
    return type == null ? null : type.substring(type.lastIndexOf('#') + 1);
  }

  static Flow.Hop<ObjectNode> stub(StubLog.Entry entry) {
    ObjectNode view = view("stub-call", entry.stub(), entry.duration());
    view.put("keyHash", entry.keyHash()).put("status", entry.status());
    view.put("request", preview(entry.request())).put("response", preview(entry.answer()));
    String answer =
        entry.lost() != null
            ? "answer lost (" + entry.lost() + ", injected fault)"
            : "answered " + entry.status();
    view.put(
        "summary",
        entry.method()
            + " "
            + entry.stub()
            + entry.path()
            + (entry.applied()
                ? ""
                : " — a repeat of its key: the provider gave the kept answer, nothing applied twice"));
    view.put("outcome", answer).put("error", entry.lost() != null || entry.status() >= 500);
    Set<String> links = new LinkedHashSet<>();
    add(links, entry.keyHash() == null ? null : FlowHops.STUB_KEY + entry.keyHash());
    return new Flow.Hop<>(
        entry.at(),
        new Flow.Links(
            entry.path() + "\n" + entry.request() + "\n" + entry.answer(),
            links,
            Set.of(),
            List.of(),
            Set.of(),
            false),
        view);
  }
}
