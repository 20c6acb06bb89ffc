package dev.idem.local.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.util.UUID;

/**
 * An AWS error answer in the shape of the call's protocol, so that SDKs and the CLI read the status
 * and the code as that service's error: {@code __type} JSON (plus {@code x-amzn-query-error} for
 * SQS, as its JSON protocol answers), the query protocol's {@code ErrorResponse} XML, or Lambda's
 * REST answer with {@code x-amzn-ErrorType}.
 */
public final class AwsErrors {

  private AwsErrors() {}

  /** The error answer to {@code call}. */
  public static Response of(
      Request request, AwsCall call, int status, String code, String message) {
    String requestId = UUID.randomUUID().toString();
    return switch (call.protocol()) {
      case JSON -> json(request, call, status, code, message, requestId);
      case QUERY -> query(status, code, message, requestId);
      case REST_JSON -> rest(status, code, message, requestId);
    };
  }

  private static Response json(
      Request request, AwsCall call, int status, String code, String message, String requestId) {
    ObjectNode body = AwsJson.MAPPER.createObjectNode().put("__type", code).put("message", message);
    String contentType = request.header("Content-Type").orElse(AwsJson.CONTENT_TYPE);
    Response response =
        Response.of(status, contentType, body.toString())
            .withHeader("x-amzn-ErrorType", code)
            .withHeader("x-amzn-RequestId", requestId);
    return call.service().equals("sqs")
        ? response.withHeader("x-amzn-query-error", code + ";" + fault(status))
        : response;
  }

  private static Response query(int status, String code, String message, String requestId) {
    String xml =
        "<?xml version=\"1.0\"?><ErrorResponse><Error><Type>"
            + fault(status)
            + "</Type><Code>"
            + escape(code)
            + "</Code><Message>"
            + escape(message)
            + "</Message><Detail/></Error><RequestId>"
            + requestId
            + "</RequestId></ErrorResponse>";
    return Response.of(status, "text/xml", xml).withHeader("x-amzn-RequestId", requestId);
  }

  private static Response rest(int status, String code, String message, String requestId) {
    ObjectNode body =
        AwsJson.MAPPER.createObjectNode().put("Type", status >= 500 ? "Service" : "User");
    body.put("message", message);
    return Response.of(status, "application/json", body.toString())
        .withHeader("x-amzn-ErrorType", code)
        .withHeader("x-amzn-RequestId", requestId);
  }

  private static String fault(int status) {
    return status >= 500 ? "Receiver" : "Sender";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
