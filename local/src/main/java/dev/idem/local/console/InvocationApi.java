package dev.idem.local.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /_idem/api/invocations}: the recent invocations, newest first; {@code GET
 * /_idem/api/invocations/<requestId>}: one of them with its payload, response, log lines and the
 * idempotency library's decisions.
 */
final class InvocationApi implements HttpService {

  private static final String PATH = ConsoleApi.PREFIX + "api/invocations";
  private static final int DEFAULT_LIMIT = 50;

  private final InvocationLog invocations;

  InvocationApi(InvocationLog invocations) {
    this.invocations = invocations;
  }

  @Override
  public Response handle(Request request) {
    String requestId = FlowApi.item(request, PATH);
    if (requestId == null) {
      return list(request.rawQuery());
    }
    String problem = FlowApi.problem(requestId, "request id");
    if (problem != null) {
      return ConsoleApi.problem(400, "InvalidRequestId", problem);
    }
    Optional<InvocationLog.Entry> entry = invocations.find(requestId);
    if (entry.isEmpty()) {
      return ConsoleApi.problem(
          404,
          "InvocationNotFound",
          "No invocation "
              + requestId
              + " is kept (the console keeps the last "
              + invocations.capacity()
              + ")");
    }
    return Response.json(200, detail(entry.get()).toString());
  }

  private Response list(String query) {
    int limit;
    try {
      limit =
          ConsoleApi.number(
              ConsoleApi.parameters(query, List.of("limit")),
              "limit",
              DEFAULT_LIMIT,
              1,
              invocations.capacity());
    } catch (ConsoleApi.BadParameter e) {
      return e.badRequest();
    }
    ObjectNode body = AwsJson.MAPPER.createObjectNode();
    body.put("total", invocations.total()).put("capacity", invocations.capacity());
    ArrayNode list = body.putArray("invocations");
    for (InvocationLog.Entry entry : invocations.recent(limit)) {
      row(list.addObject(), entry);
    }
    return Response.json(200, body.toString());
  }

  /** The fields the list and the detail share. */
  private static ObjectNode row(ObjectNode row, InvocationLog.Entry entry) {
    row.put("sequence", entry.sequence())
        .put("at", entry.at().toString())
        .put("function", entry.function())
        .put("source", entry.sourceKind())
        .put("sourceName", entry.source().name())
        .put("attempt", entry.source().attempt())
        .put("batchSize", entry.batchSize())
        .put("durationMs", entry.duration().toNanos() / 1_000_000.0)
        .put("outcome", entry.outcome());
    row.put("errorType", entry.errorType()).put("requestId", entry.requestId());
    return row;
  }

  private static ObjectNode detail(InvocationLog.Entry entry) {
    ObjectNode body = row(AwsJson.MAPPER.createObjectNode(), entry);
    body.put("start", entry.start().toString()).put("trigger", entry.source().trigger());
    body.put("payload", entry.payload()).put("response", entry.response());
    body.put("log", entry.log());
    Decisions.addTo(body.putArray("decisions"), entry.decisions());
    return body;
  }
}
