package dev.idem.functions.common;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway responses: JSON bodies, and errors as {@code application/problem+json} (RFC 9457)
 * that say what was wrong and never carry a stack trace.
 */
public final class ApiResponses {

  private final ObjectMapper mapper;

  /** Responses written with {@code mapper}. */
  public ApiResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A JSON response with extra headers (for example {@code Location}). */
  public APIGatewayProxyResponseEvent json(int status, Object body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(all)
        .withBody(write(body));
  }

  /**
   * A problem response.
   *
   * @param type a short slug, rendered as {@code urn:idem:problem:<slug>}
   * @param title a short, fixed summary of the problem type
   * @param detail what was wrong with this request, safe to show the client
   */
  public APIGatewayProxyResponseEvent problem(
      int status, String type, String title, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "urn:idem:problem:" + type);
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/problem+json"))
        .withBody(write(problem));
  }

  private String write(Object body) {
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A response body could not be written as JSON", e);
    }
  }
}
