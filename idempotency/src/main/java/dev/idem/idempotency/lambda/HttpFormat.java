package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How one API Gateway payload format is read and written, so that {@link HttpIdempotency} has one
 * code path for REST and HTTP APIs.
 */
record HttpFormat<I, O>(
    BiFunction<I, String, String> header,
    Function<I, String> method,
    Function<I, String> path,
    Function<I, String> body,
    Predicate<I> base64,
    Function<I, String> caller,
    Function<O, HttpResponseData> toData,
    Function<HttpResponseData, O> toEvent) {

  /** REST APIs: payload format 1.0. */
  static final HttpFormat<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> REST_API =
      new HttpFormat<>(
          RestApiEvents::header,
          RestApiEvents::method,
          RestApiEvents::path,
          APIGatewayProxyRequestEvent::getBody,
          request -> Boolean.TRUE.equals(request.getIsBase64Encoded()),
          RestApiEvents::caller,
          RestApiEvents::toData,
          RestApiEvents::toEvent);

  /** HTTP APIs: payload format 2.0. */
  static final HttpFormat<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> HTTP_API =
      new HttpFormat<>(
          HttpApiEvents::header,
          HttpApiEvents::method,
          HttpApiEvents::path,
          APIGatewayV2HTTPEvent::getBody,
          APIGatewayV2HTTPEvent::getIsBase64Encoded,
          HttpApiEvents::caller,
          HttpApiEvents::toData,
          HttpApiEvents::toEvent);
}
