package dev.idem.local.http;

/** Answers requests; called on a virtual thread per request, so it may block. */
@FunctionalInterface
public interface HttpService {

  /**
   * Answers one request. An exception becomes a 500 with a JSON body naming its type and message.
   */
  Response handle(Request request) throws Exception;
}
