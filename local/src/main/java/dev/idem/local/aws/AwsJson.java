package dev.idem.local.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.http.Response;

/** AWS JSON protocol answers: the 1.1 content type and the {@code __type} error shape. */
final class AwsJson {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private AwsJson() {}

  static Response ok(ObjectNode body) {
    return Response.of(200, CONTENT_TYPE, body.toString());
  }

  static Response error(int status, String type, String message) {
    ObjectNode body = MAPPER.createObjectNode().put("__type", type).put("message", message);
    return Response.of(status, CONTENT_TYPE, body.toString()).withHeader("x-amzn-ErrorType", type);
  }
}
