package dev.idem.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.faults.FaultLog;
import dev.idem.local.lambda.InvocationSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the console captured as {@link Flow.Hop}s: what each shows (kind, resource, summary,
 * outcome, the idempotency decisions...) and how it links to the others. The captured entries are
 * plain texts; their JSON is parsed here, when a flow is asked for, and each entry's hop is kept
 * while the entry is, so a page polling a flow parses each entry once.
 */
final class FlowHops {

  static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The prefix of the link a stub request and a fault on it share: its key's hash. */
  static final String STUB_KEY = "stub-key:";

  /** The most characters of a body a hop shows. */
  static final int PREVIEW = 1_000;

  private final Capture capture;
  private Map<Object, Flow.Hop<ObjectNode>> cache = new IdentityHashMap<>();

  FlowHops(Capture capture) {
    this.capture = capture;
  }

  /** Every captured hop, read now (those read before are reused). */
  synchronized List<Flow.Hop<ObjectNode>> all() {
    Map<Object, Flow.Hop<ObjectNode>> next = new IdentityHashMap<>();
    List<Flow.Hop<ObjectNode>> hops = new ArrayList<>();
    List<InvocationLog.Entry> invocations = capture.invocations().recent(Integer.MAX_VALUE);
    Map<String, String> invokedBy = new HashMap<>();
    for (InvocationLog.Entry entry : invocations) {
      if (entry.source().trigger() != null && entry.requestId() != null) {
        invokedBy.putIfAbsent(entry.source().trigger(), entry.requestId());
      }
    }
    for (InvocationLog.Entry entry : invocations) {
      hops.add(reuse(next, entry, () -> invocation(entry)));
    }
    for (CallLog.Entry entry : capture.calls().all()) {
      hops.add(reuse(next, entry, () -> CallHops.aws(entry)));
    }
    for (ApiLog.Entry entry : capture.apiLog().all()) {
      // Not reused: the invocation it led to may be heard after it.
      hops.add(api(entry, invokedBy.get(entry.apiRequestId())));
    }
    for (EventLog.Entry entry : capture.eventLog().all()) {
      hops.add(reuse(next, entry, () -> event(entry)));
    }
    for (StubLog.Entry entry : capture.stubLog().all()) {
      hops.add(reuse(next, entry, () -> CallHops.stub(entry)));
    }
    for (FaultLog.Entry entry : capture.faults()) {
      hops.add(reuse(next, entry, () -> fault(entry)));
    }
    cache = next;
    return hops;
  }

  private Flow.Hop<ObjectNode> reuse(
      Map<Object, Flow.Hop<ObjectNode>> next,
      Object entry,
      java.util.function.Supplier<Flow.Hop<ObjectNode>> read) {
    Flow.Hop<ObjectNode> hop = cache.get(entry);
    if (hop == null) {
      hop = read.get();
    }
    next.put(entry, hop);
    return hop;
  }

  // ------------------------------------------------------------------ invocations

  static Flow.Hop<ObjectNode> invocation(InvocationLog.Entry entry) {
    InvocationSource source = entry.source();
    ObjectNode view = view("invocation", entry.function(), entry.duration());
    view.put("function", entry.function());
    view.put("requestId", entry.requestId());
    view.put("source", source.kind());
    if (source.name() != null) {
      view.put("sourceName", source.name());
    }
    view.put("attempt", source.attempt());
    view.put("batchSize", source.batchSize());
    JsonNode payload = parse(entry.payload());
    int receiveCount = receiveCount(payload);
    if (receiveCount > 0) {
      view.put("receiveCount", receiveCount);
    }
    String outcome =
        switch (entry.outcome()) {
          case "OK" -> "ok";
          case "THROTTLED" -> "throttled: nothing ran";
          default -> "error: " + entry.errorType();
        };
    view.put("outcome", outcome).put("error", !"OK".equals(entry.outcome()));
    Decisions.addTo(view.putArray("decisions"), entry.decisions());
    view.put("summary", summary(entry.function(), source, receiveCount));
    Set<String> links = new LinkedHashSet<>();
    add(links, entry.requestId());
    Set<String> refs = new LinkedHashSet<>();
    add(refs, source.trigger());
    boolean read = source.kind().equals(InvocationSource.API) && reads(source.name());
    return new Flow.Hop<>(
        entry.start(),
        new Flow.Links(
            read ? "" : entry.payload() + "\n" + entry.response(),
            links,
            refs,
            payload != null ? records(payload) : records(entry.payload()),
            Set.of(),
            false),
        view);
  }

  /** e.g. {@code CapturePayment ← sqs PaymentsQueue, redelivered (receive count 2)}. */
  private static String summary(String function, InvocationSource source, int receiveCount) {
    StringBuilder summary = new StringBuilder(function).append(" ← ").append(source.kind());
    if (source.name() != null) {
      summary.append(' ').append(source.name());
    }
    if (source.batchSize() > 1) {
      summary.append(", ").append(source.batchSize()).append(" records");
    }
    if (source.attempt() > 1) {
      summary.append(", attempt ").append(source.attempt());
    }
    if (receiveCount > 1) {
      summary.append(", redelivered (receive count ").append(receiveCount).append(')');
    }
    return summary.toString();
  }

  /**
   * An invocation's records from its payload as kept: parsed, or when the payload was cut at the
   * kept size ({@link Texts#LIMIT}: a relay batch of 25 stream records is about 40 KB) read from
   * its text, each record from where its id starts to where the next one's does. A cut batch stays
   * a batch so: each record passes on only its own ids, and the invocation's request id, which its
   * calls for every record carry, does not join all the orders it relayed into one flow.
   */
  static List<Flow.Part> records(String payload) {
    JsonNode parsed = parse(payload);
    if (parsed != null || payload == null) {
      return records(parsed);
    }
    List<Flow.Part> parts = new ArrayList<>();
    Matcher record = RECORD_START.matcher(payload);
    List<Integer> starts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    while (record.find()) {
      starts.add(record.start());
      ids.add(record.group(1));
    }
    for (int i = 0; i < starts.size(); i++) {
      String text =
          payload.substring(
              starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : payload.length());
      Set<String> links = new LinkedHashSet<>();
      links.add(ids.get(i));
      Matcher event = EVENT_IN_BODY.matcher(text);
      if (event.find()) {
        links.add(event.group(1));
      }
      parts.add(new Flow.Part(text, links));
    }
    return parts;
  }

  /** Where a stream record ({@code eventID}) or an SQS message ({@code messageId}) starts. */
  private static final Pattern RECORD_START =
      Pattern.compile("\\{\"(?:eventID|messageId)\":\"([^\"]+)\"");

  /** An EventBridge event's id inside an SQS message's body, a JSON string in the record. */
  private static final Pattern EVENT_IN_BODY =
      Pattern.compile(Pattern.quote("\\\"id\\\":\\\"") + "([^\\\\\"]+)");

  /** An event's records, each with the ids unique to it; one part for an EventBridge event. */
  static List<Flow.Part> records(JsonNode payload) {
    List<Flow.Part> parts = new ArrayList<>();
    if (payload == null) {
      return parts;
    }
    if (payload.hasNonNull("detail-type") && payload.hasNonNull("id")) {
      parts.add(new Flow.Part(payload.toString(), Set.of(payload.get("id").asText())));
      return parts;
    }
    for (JsonNode record : payload.path("Records")) {
      Set<String> ids = new LinkedHashSet<>();
      add(ids, text(record, "messageId"));
      add(ids, text(record, "eventID"));
      JsonNode body = parse(text(record, "body"));
      if (body != null && body.hasNonNull("detail-type") && body.hasNonNull("id")) {
        add(ids, body.get("id").asText());
      }
      parts.add(new Flow.Part(record.toString(), ids));
    }
    return parts;
  }

  /** The highest {@code ApproximateReceiveCount} of an SQS event's records; 0 for other events. */
  private static int receiveCount(JsonNode payload) {
    int count = 0;
    if (payload != null) {
      for (JsonNode record : payload.path("Records")) {
        count = Math.max(count, record.path("attributes").path("ApproximateReceiveCount").asInt(0));
      }
    }
    return count;
  }

  // ------------------------------------------------------------------ API requests

  static Flow.Hop<ObjectNode> api(ApiLog.Entry entry, String invokedRequestId) {
    String path = entry.path();
    ObjectNode view = view("api-request", entry.method() + " " + path, entry.duration());
    view.put("apiRequestId", entry.apiRequestId());
    view.put("requestId", invokedRequestId);
    view.put("status", entry.status());
    view.put("summary", label(entry));
    view.put("request", preview(entry.request())).put("response", preview(entry.response()));
    if (entry.keyed()) {
      view.put("idempotencyKey", Texts.REDACTED);
    }
    boolean error = entry.status() == 0 || entry.status() >= 500;
    view.put(
            "outcome",
            entry.status() == 0
                ? "no answer: the connection was dropped"
                : "answered " + entry.status() + (error ? " (server error)" : ""))
        .put("error", error);
    Set<String> links = new LinkedHashSet<>();
    add(links, entry.apiRequestId());
    return new Flow.Hop<>(
        entry.at(),
        new Flow.Links(
            reads(entry.method())
                ? ""
                : entry.method()
                    + " "
                    + path
                    + "\n"
                    + entry.request()
                    + "\n"
                    + entry.response()
                    + "\n"
                    + entry.apiRequestId(),
            links,
            Set.of(),
            List.of(),
            reads(entry.method()) ? Set.of() : created(entry),
            false),
        view);
  }

  /**
   * Whether a request with this method (or route, {@code GET /orders/{id}}) only reads: a client
   * polling an order is not a hop of the order's flow, so its text is not searched (its own request
   * id still opens it).
   */
  static boolean reads(String methodOrRoute) {
    if (methodOrRoute == null) {
      return false;
    }
    String method = methodOrRoute.split(" ", 2)[0];
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  /** e.g. {@code POST /orders → 201}. */
  static String label(ApiLog.Entry entry) {
    String path = entry.path();
    int query = path.indexOf('?');
    return entry.method()
        + " "
        + (query < 0 ? path : path.substring(0, query))
        + " → "
        + (entry.status() == 0 ? "no answer" : Integer.toString(entry.status()));
  }

  /** The UUIDs the answer names that the request did not: what the request created. */
  static Set<String> created(ApiLog.Entry entry) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher uuid = UUID.matcher(entry.response());
    while (uuid.find()) {
      if (!entry.request().contains(uuid.group()) && !entry.path().contains(uuid.group())) {
        ids.add(uuid.group());
      }
    }
    return ids;
  }

  // ------------------------------------------------------------------ EventBridge

  static Flow.Hop<ObjectNode> event(EventLog.Entry entry) {
    var step = entry.step();
    String target = step.target().substring(step.target().lastIndexOf(':') + 1);
    boolean match = step.kind() == dev.idem.local.eventbridge.EventTrace.Kind.MATCHED;
    ObjectNode view = view(match ? "event-match" : "delivery", match ? step.rule() : target, null);
    view.put("eventId", step.eventId()).put("rule", step.rule()).put("target", target);
    if (!match) {
      view.put("attempt", step.attempt());
    }
    String outcome =
        switch (step.kind()) {
          case MATCHED -> "matched";
          case DELIVERED -> "delivered";
          case RETRYING -> "failed, will retry: " + step.error();
          case DEAD_LETTERED -> "given up: sent to the dead-letter queue (" + step.error() + ")";
          case LOST -> "given up and lost: no dead-letter queue (" + step.error() + ")";
        };
    view.put("outcome", outcome)
        .put(
            "error",
            step.kind() == dev.idem.local.eventbridge.EventTrace.Kind.LOST
                || step.kind() == dev.idem.local.eventbridge.EventTrace.Kind.DEAD_LETTERED);
    view.put(
        "summary",
        match
            ? "rule " + step.rule() + " on bus " + step.bus() + " matched → " + target
            : "delivery to "
                + target
                + " (rule "
                + step.rule()
                + ", attempt "
                + step.attempt()
                + ")"
                + (step.duplicate() ? ", a duplicate delivery (injected fault)" : ""));
    return new Flow.Hop<>(
        entry.at(),
        new Flow.Links(
            step.eventId(), Set.of(), Set.of(step.eventId()), List.of(), Set.of(), false),
        view);
  }

  // ------------------------------------------------------------------ faults

  static Flow.Hop<ObjectNode> fault(FaultLog.Entry entry) {
    boolean onStub = entry.target().contains("stub=");
    // A stub fault's request id is the request's idempotency key: only its hash is shown.
    String ref = entry.requestId();
    if (ref != null) {
      int more = ref.indexOf(" (+");
      ref = onStub ? STUB_KEY + StubLog.hash(ref) : more > 0 ? ref.substring(0, more) : ref;
    }
    ObjectNode view = view("fault", entry.kind(), null);
    view.put("fault", entry.kind()).put("rule", entry.rule()).put("target", entry.target());
    if (!onStub) {
      view.put("requestId", entry.requestId());
    }
    view.put("summary", "fault injected: " + entry.kind() + " (rule " + entry.rule() + ")");
    view.put("outcome", "injected on " + entry.target()).put("error", true);
    Set<String> refs = new LinkedHashSet<>();
    add(refs, ref);
    return new Flow.Hop<>(
        entry.time(),
        new Flow.Links(entry.target(), Set.of(), refs, List.of(), Set.of(), true),
        view);
  }

  // ------------------------------------------------------------------ helpers

  /** The start of a body, for a hop's line: the whole one is on the invocation's page or gone. */
  static String preview(String text) {
    return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + Texts.CUT;
  }

  static ObjectNode view(String kind, String resource, Duration duration) {
    ObjectNode view = AwsJson.MAPPER.createObjectNode().put("kind", kind);
    view.put("resource", resource);
    if (duration != null) {
      view.put("durationMs", duration.toNanos() / 1_000_000.0);
    }
    return view;
  }

  static JsonNode parse(String text) {
    if (text == null || text.isEmpty() || text.endsWith(Texts.CUT)) {
      return null;
    }
    try {
      JsonNode node = AwsJson.MAPPER.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  static void add(Set<String> ids, String id) {
    if (id != null && !id.isEmpty()) {
      ids.add(id);
    }
  }
}
