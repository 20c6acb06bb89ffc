package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Objects;

/** Reads API Gateway HTTP API (payload 2.0) requests and writes their responses. */
final class HttpApiEvents {

  private HttpApiEvents() {}

  static String header(APIGatewayV2HTTPEvent request, String name) {
    return HttpHeaders.find(request.getHeaders(), name);
  }

  static String method(APIGatewayV2HTTPEvent request) {
    RequestContext context = request.getRequestContext();
    return context == null || context.getHttp() == null ? null : context.getHttp().getMethod();
  }

  static String path(APIGatewayV2HTTPEvent request) {
    if (request.getRawPath() != null) {
      return request.getRawPath();
    }
    RequestContext context = request.getRequestContext();
    return context == null || context.getHttp() == null ? null : context.getHttp().getPath();
  }

  /** Who called: the JWT authorizer's {@code sub} claim, or the IAM user or role. */
  static String caller(APIGatewayV2HTTPEvent request) {
    RequestContext context = request.getRequestContext();
    if (context == null || context.getAuthorizer() == null) {
      return null;
    }
    RequestContext.Authorizer authorizer = context.getAuthorizer();
    if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
      String subject = HttpHeaders.text(authorizer.getJwt().getClaims().get("sub"));
      if (subject != null) {
        return "sub:" + subject;
      }
    }
    if (authorizer.getIam() != null && HttpHeaders.text(authorizer.getIam().getUserArn()) != null) {
      return "iam:" + authorizer.getIam().getUserArn();
    }
    return null;
  }

  static HttpResponseData toData(APIGatewayV2HTTPResponse response) {
    Objects.requireNonNull(response, "The handler returned no response");
    return new HttpResponseData(
        response.getStatusCode(),
        response.getHeaders(),
        response.getMultiValueHeaders(),
        response.getCookies(),
        response.getBody(),
        response.getIsBase64Encoded());
  }

  static APIGatewayV2HTTPResponse toEvent(HttpResponseData data) {
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(data.statusCode());
    response.setHeaders(data.headers());
    response.setMultiValueHeaders(data.multiValueHeaders());
    response.setCookies(data.cookies());
    response.setBody(data.body());
    response.setIsBase64Encoded(data.base64Encoded());
    return response;
  }
}
