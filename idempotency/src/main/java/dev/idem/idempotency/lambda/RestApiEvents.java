package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads API Gateway REST API (payload 1.0) requests and writes their responses. */
final class RestApiEvents {

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}+]+)\\+?}");

  private RestApiEvents() {}

  static String header(APIGatewayProxyRequestEvent request, String name) {
    String single = HttpHeaders.find(request.getHeaders(), name);
    if (single != null) {
      return single;
    }
    List<String> values = HttpHeaders.find(request.getMultiValueHeaders(), name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static String method(APIGatewayProxyRequestEvent request) {
    if (request.getHttpMethod() != null) {
      return request.getHttpMethod();
    }
    ProxyRequestContext context = request.getRequestContext();
    return context == null ? null : context.getHttpMethod();
  }

  /** The path as the client sent it, without the stage; the resource template filled in if not. */
  static String path(APIGatewayProxyRequestEvent request) {
    if (request.getPath() != null || request.getResource() == null) {
      return request.getPath();
    }
    Map<String, String> parameters =
        request.getPathParameters() == null ? Map.of() : request.getPathParameters();
    Matcher matcher = PATH_PARAMETER.matcher(request.getResource());
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String value = Objects.requireNonNullElse(parameters.get(matcher.group(1)), matcher.group());
      matcher.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(path).toString();
  }

  /**
   * Who called, from what the authorizer or IAM established: a Lambda authorizer's principal, a
   * Cognito user's {@code sub}, a Cognito identity, an IAM user or role, or an API key.
   */
  static String caller(APIGatewayProxyRequestEvent request) {
    ProxyRequestContext context = request.getRequestContext();
    if (context == null) {
      return null;
    }
    String fromAuthorizer = fromAuthorizer(context.getAuthorizer());
    return fromAuthorizer != null ? fromAuthorizer : fromIdentity(context.getIdentity());
  }

  static HttpResponseData toData(APIGatewayProxyResponseEvent response) {
    Objects.requireNonNull(response, "The handler returned no response");
    Integer status =
        Objects.requireNonNull(response.getStatusCode(), "The handler's response has no status");
    return new HttpResponseData(
        status,
        response.getHeaders(),
        response.getMultiValueHeaders(),
        null,
        response.getBody(),
        Boolean.TRUE.equals(response.getIsBase64Encoded()));
  }

  static APIGatewayProxyResponseEvent toEvent(HttpResponseData data) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(data.statusCode())
        .withHeaders(data.headers())
        .withMultiValueHeaders(data.multiValueHeaders())
        .withBody(data.body())
        .withIsBase64Encoded(data.base64Encoded());
  }

  private static String fromAuthorizer(Map<String, Object> authorizer) {
    if (authorizer == null) {
      return null;
    }
    String principal = HttpHeaders.text(authorizer.get("principalId"));
    if (principal != null) {
      return "principal:" + principal;
    }
    if (authorizer.get("claims") instanceof Map<?, ?> claims) {
      String subject = HttpHeaders.text(claims.get("sub"));
      return subject == null ? null : "sub:" + subject;
    }
    return null;
  }

  private static String fromIdentity(RequestIdentity identity) {
    if (identity == null) {
      return null;
    }
    if (HttpHeaders.text(identity.getCognitoIdentityId()) != null) {
      return "cognito:" + identity.getCognitoIdentityId();
    }
    if (HttpHeaders.text(identity.getUserArn()) != null) {
      return "iam:" + identity.getUserArn();
    }
    return HttpHeaders.text(identity.getApiKey()) == null ? null : "apikey:" + identity.getApiKey();
  }
}
