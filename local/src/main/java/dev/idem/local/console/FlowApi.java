package dev.idem.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.InvocationSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code GET /_idem/api/flows}: the recent flows, one per request that entered the system (an API
 * request, a Lambda Invoke, a schedule), each with the id that opens it; and {@code GET
 * /_idem/api/flows/<id>}: the hops of the flow of an order id, a correlation id or a request id, by
 * time, as {@link Flow} assembles them.
 */
final class FlowApi implements HttpService {

  /** The longest id a flow is asked for by. */
  static final int MAX_ID = 256;

  private static final String PATH = ConsoleApi.PREFIX + "api/flows";
  private static final int DEFAULT_LIMIT = 20;
  private static final Set<String> ENTRY_SOURCES =
      Set.of(InvocationSource.INVOKE, InvocationSource.ASYNC, InvocationSource.SCHEDULE);

  private final Capture capture;
  private final FlowHops hops;

  FlowApi(Capture capture) {
    this.capture = capture;
    this.hops = new FlowHops(capture);
  }

  @Override
  public Response handle(Request request) {
    String id = item(request, PATH);
    if (id == null) {
      try {
        int limit =
            ConsoleApi.number(
                ConsoleApi.parameters(request.rawQuery(), List.of("limit")),
                "limit",
                DEFAULT_LIMIT,
                1,
                capture.invocations().capacity());
        return Response.json(200, recent(limit).toString());
      } catch (ConsoleApi.BadParameter e) {
        return e.badRequest();
      }
    }
    String problem = problem(id, "flow's id");
    if (problem != null) {
      return ConsoleApi.problem(400, "InvalidFlowId", problem);
    }
    Flow.Result<ObjectNode> flow = Flow.of(id, hops.all());
    if (flow.hops().isEmpty()) {
      return ConsoleApi.problem(
          404,
          "FlowNotFound",
          "Nothing the console still keeps names "
              + id
              + " (it keeps the last "
              + capture.invocations().capacity()
              + " of each kind)");
    }
    return Response.json(200, json(id, flow).toString());
  }

  /**
   * The id in {@code <path>/<id>}, or null for {@code <path>} itself (the list): the two shapes of
   * the console's endpoints of things that have ids.
   */
  static String item(Request request, String path) {
    String asked = request.path();
    return asked.equals(path) || asked.equals(path + "/")
        ? null
        : asked.substring(path.length() + 1);
  }

  /** What is wrong with an id ({@code what}, e.g. {@code flow's id}) asked for, or null. */
  static String problem(String id, String what) {
    if (id.isBlank()) {
      return "The " + what + " is empty";
    }
    if (id.length() > MAX_ID) {
      return "The " + what + " has " + id.length() + " characters; at most " + MAX_ID;
    }
    if (id.contains("/")) {
      return "The " + what + " cannot hold '/'";
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        return "The " + what + " holds a control character";
      }
    }
    return null;
  }

  /** One flow's JSON. */
  static ObjectNode json(String id, Flow.Result<ObjectNode> flow) {
    ObjectNode body = AwsJson.MAPPER.createObjectNode().put("id", id);
    Instant start = flow.hops().getFirst().at();
    body.put("start", start.toString());
    Instant end = start;
    for (Flow.Hop<ObjectNode> hop : flow.hops()) {
      Instant hopEnd = hop.at().plusNanos((long) (hop.value().path("durationMs").asDouble() * 1e6));
      end = hopEnd.isAfter(end) ? hopEnd : end;
    }
    body.put("durationMs", Duration.between(start, end).toNanos() / 1_000_000.0);
    counts(body, flow.hops());
    body.put("matched", flow.matched()).put("cut", flow.cut());
    if (flow.cut()) {
      body.put(
          "note",
          flow.matched() + " hops matched; the first " + Flow.MAX_HOPS + " by time are shown");
    }
    ArrayNode list = body.putArray("hops");
    for (Flow.Hop<ObjectNode> hop : flow.hops()) {
      ObjectNode row = list.addObject();
      row.put("at", hop.at().toString());
      row.put("offsetMs", flow.offset(hop).toNanos() / 1_000_000.0);
      row.setAll(hop.value().deepCopy());
    }
    return body;
  }

  /** Counts of the hops' errors, faults and replays, on {@code body}. */
  private static void counts(ObjectNode body, List<Flow.Hop<ObjectNode>> hops) {
    int errors = 0;
    int faults = 0;
    int replays = 0;
    for (Flow.Hop<ObjectNode> hop : hops) {
      JsonNode value = hop.value();
      if ("fault".equals(value.path("kind").asText())) {
        faults++;
      } else if (value.path("error").asBoolean()) {
        errors++;
      }
      for (JsonNode decision : value.path("decisions")) {
        String name = decision.path("decision").asText();
        if (name.equals("REPLAY") || name.equals("CACHE_HIT")) {
          replays++;
        }
      }
    }
    body.put("hopCount", hops.size())
        .put("errors", errors)
        .put("faults", faults)
        .put("replays", replays);
  }

  /** The recent flows, newest first. */
  private ObjectNode recent(int limit) {
    List<Start> starts = new ArrayList<>(apiStarts(limit));
    starts.addAll(invokeStarts(limit));
    starts.sort(Comparator.comparing(Start::at).reversed());
    List<Flow.Hop<ObjectNode>> all = hops.all();
    ObjectNode body = AwsJson.MAPPER.createObjectNode();
    ArrayNode list = body.putArray("flows");
    for (Start start : starts.subList(0, Math.min(limit, starts.size()))) {
      ObjectNode row =
          list.addObject()
              .put("id", start.id())
              .put("label", start.label())
              .put("via", start.via())
              .put("start", start.at().toString());
      counts(row, Flow.of(start.id(), all).hops());
    }
    return body;
  }

  /** Where a flow began: when, the id that opens it, e.g. {@code POST /orders → 201}, and how. */
  private record Start(Instant at, String id, String label, String via) {}

  /**
   * The latest API requests that change something (a client reading starts no flow), each opened by
   * the first id its answer created, else by its API request id.
   */
  private List<Start> apiStarts(int limit) {
    List<Start> starts = new ArrayList<>();
    for (ApiLog.Entry entry : capture.apiLog().all()) {
      if (starts.size() >= limit) {
        break;
      }
      Set<String> created = FlowHops.created(entry);
      String id = created.isEmpty() ? entry.apiRequestId() : created.iterator().next();
      if (!FlowHops.reads(entry.method()) && id != null) {
        starts.add(new Start(entry.at(), id, FlowHops.label(entry), "api"));
      }
    }
    return starts;
  }

  /** The latest first attempts of Invoke calls and schedules. */
  private List<Start> invokeStarts(int limit) {
    List<Start> starts = new ArrayList<>();
    for (InvocationLog.Entry entry : capture.invocations().recent(Integer.MAX_VALUE)) {
      if (starts.size() >= limit) {
        break;
      }
      InvocationSource source = entry.source();
      if (!ENTRY_SOURCES.contains(source.kind())
          || source.attempt() > 1
          || entry.requestId() == null) {
        continue;
      }
      String id = firstNewUuid(entry.response(), entry.payload());
      String how =
          source.kind().equals(InvocationSource.SCHEDULE)
              ? "schedule " + source.name()
              : source.kind();
      starts.add(
          new Start(
              entry.start(),
              id != null ? id : entry.requestId(),
              how + " " + entry.function() + " → " + entry.outcome(),
              source.kind()));
    }
    return starts;
  }

  private static String firstNewUuid(String text, String besides) {
    Matcher uuid = FlowHops.UUID.matcher(text);
    while (uuid.find()) {
      if (!besides.contains(uuid.group())) {
        return uuid.group();
      }
    }
    return null;
  }
}
