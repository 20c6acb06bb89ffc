package dev.idem.local.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.http.Response;

/** AWS JSON protocol answers: the 1.1 content type and the {@code __type} error shape. */
public final class AwsJson {

  /** The mapper every emulated service reads requests and writes answers with. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** The AWS JSON 1.1 protocol's content type. */
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private AwsJson() {}

  /** A 200 answer with {@code body}. */
  public static Response ok(ObjectNode body) {
    return Response.of(200, CONTENT_TYPE, body.toString());
  }

  /** An error answer in the JSON protocol's shape ({@code __type}, {@code message}). */
  public static Response error(int status, String type, String message) {
    ObjectNode body = MAPPER.createObjectNode().put("__type", type).put("message", message);
    return Response.of(status, CONTENT_TYPE, body.toString()).withHeader("x-amzn-ErrorType", type);
  }
}
