package dev.idem.local.edge;

import dev.idem.local.aws.AwsService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;

/**
 * Wraps every AWS call the edge routes, between classifying it and sending it to its service: the
 * seam through which the fault injector refuses, delays, or loses the answers of calls.
 */
@FunctionalInterface
public interface EdgeInterceptor {

  /** Passes every call through unchanged. */
  EdgeInterceptor NONE = (request, service, next) -> next.send();

  /** Sends the call on to its service. */
  @FunctionalInterface
  interface Forward {
    /** The service's answer. */
    Response send() throws Exception;
  }

  /**
   * Answers one call: usually {@code next.send()}, perhaps changed.
   *
   * @param request the call as received
   * @param service the service it is for
   * @param next sends it on
   */
  Response around(Request request, AwsService service, Forward next) throws Exception;
}
