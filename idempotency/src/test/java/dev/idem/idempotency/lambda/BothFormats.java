package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.Outcome;
import java.util.function.Function;

/**
 * A REST API and an HTTP API adapter over one {@link Idempotency}, so that a test can send both
 * payload formats through one field; the transactional calls return the response of a {@link
 * Outcome.Done} and fail the test on a rejection.
 */
record BothFormats(
    HttpIdempotency<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> rest,
    HttpIdempotency<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpApi) {

  static BothFormats of(Idempotency idempotency) {
    return new BothFormats(
        HttpIdempotency.restApi(idempotency), HttpIdempotency.httpApi(idempotency));
  }

  /** Both adapters configured alike by {@code configure}. */
  static BothFormats configured(
      Idempotency idempotency,
      Function<HttpIdempotency.Builder<?, ?>, HttpIdempotency.Builder<?, ?>> configure) {
    var rest = HttpIdempotency.restApiBuilder(idempotency);
    var httpApi = HttpIdempotency.httpApiBuilder(idempotency);
    configure.apply(rest);
    configure.apply(httpApi);
    return new BothFormats(rest.build(), httpApi.build());
  }

  <E extends Exception> APIGatewayProxyResponseEvent handle(
      APIGatewayProxyRequestEvent request,
      Context context,
      EventHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent, E> handler)
      throws E {
    return rest.handle(request, context, handler);
  }

  <E extends Exception> APIGatewayV2HTTPResponse handle(
      APIGatewayV2HTTPEvent request,
      Context context,
      EventHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse, E> handler)
      throws E {
    return httpApi.handle(request, context, handler);
  }

  <E extends Exception> APIGatewayProxyResponseEvent handleInSingleTransaction(
      APIGatewayProxyRequestEvent request,
      Context context,
      TransactionalHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent, E> handler)
      throws E {
    return done(rest.handleInSingleTransaction(request, context, handler));
  }

  <E extends Exception> APIGatewayV2HTTPResponse handleInSingleTransaction(
      APIGatewayV2HTTPEvent request,
      Context context,
      TransactionalHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse, E> handler)
      throws E {
    return done(httpApi.handleInSingleTransaction(request, context, handler));
  }

  /** The value of a {@link Outcome.Done}; a rejection fails the test. */
  static <T> T done(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Done<T>(T value, boolean replayed)) {
      return value;
    }
    throw new AssertionError("Expected a result, got " + outcome);
  }
}
