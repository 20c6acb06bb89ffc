package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotencyException;
import dev.idem.idempotency.IdempotencyStoreException;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.InvalidKeyException;
import dev.idem.idempotency.PayloadMismatchException;
import dev.idem.idempotency.TransactionalWork;
import dev.idem.idempotency.Work;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Guards API Gateway handlers with the {@code Idempotency-Key} request header of the IETF draft,
 * for REST APIs (payload format 1.0) and HTTP APIs (payload format 2.0). Immutable and thread-safe:
 * build one per container.
 *
 * {@snippet :
 * public final class CreateOrderHandler
 *     implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
 *   private static final HttpIdempotency HTTP =
 *       HttpIdempotency.builder(Idempotency.builder().store(store).keyPrefix("orders").build())
 *           .build();
 *
 *   @Override
 *   public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
 *     return HTTP.handle(event, context, request -> orders.create(request.getBody()));
 *   }
 * }
 * }
 *
 * <p>What a request gets:
 *
 * <ul>
 *   <li>The first request with a key runs the handler. A response with status below 500 is a final
 *       outcome: it is stored and replayed. A 5xx response (or another status chosen with {@link
 *       Builder#retryWhenStatus}), or an exception from the handler, releases the key so that the
 *       client's retry runs the handler again; the exception reaches the caller unchanged.
 *   <li>A repeat gets the stored status, headers and body, plus the header {@code
 *       Idempotent-Replayed: true}.
 *   <li>The request is identified by its method, its path and its body (parsed when it is JSON, so
 *       that member order and spacing do not matter; decoded first when base64). The same key with
 *       another request gets 422.
 *   <li>Keys are scoped to the caller when the request context names one, so one client never gets
 *       another's response; see {@link Builder#callerFrom}.
 * </ul>
 *
 * <p>A handler whose only effects are DynamoDB writes can use {@link
 * #handleInSingleTransaction(APIGatewayProxyRequestEvent, Context, TransactionalHandler)}: it adds
 * its writes instead of executing them, and claim, writes and stored response commit in one
 * transaction, with the same header, scope, fingerprint, problems and replay header as above.
 *
 * <p>Errors are {@code application/problem+json} documents (RFC 9457, with {@code type}, {@code
 * title}, {@code status} and {@code detail}): a missing key where required or a malformed key 400;
 * a request with the same key still running 409 with {@code Retry-After} in seconds; a key reused
 * for another request 422; the store unavailable 503 with {@code Retry-After: 1}. They never carry
 * the key or a stack trace.
 */
public final class HttpIdempotency {

  /** The request header that carries the key, unless configured otherwise. */
  public static final String DEFAULT_HEADER = "Idempotency-Key";

  /** The response header that marks a replayed response. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private final Idempotency idempotency;
  private final String headerName;
  private final boolean keyRequired;
  private final IntPredicate retryableStatus;
  private final Function<APIGatewayProxyRequestEvent, String> restCaller;
  private final Function<APIGatewayV2HTTPEvent, String> httpApiCaller;
  private final Payloads payloads;
  private final Problems problems;

  private HttpIdempotency(Builder builder) {
    this.idempotency = builder.idempotency;
    this.headerName = builder.headerName;
    this.keyRequired = builder.keyRequired;
    this.retryableStatus = builder.retryableStatus;
    this.restCaller = builder.restCaller;
    this.httpApiCaller = builder.httpApiCaller;
    this.payloads = new Payloads(builder.mapper);
    this.problems = new Problems(builder.mapper);
  }

  /**
   * A builder over {@code idempotency}, which sets the store, key prefix, lease and record expiry.
   */
  public static Builder builder(Idempotency idempotency) {
    return new Builder(idempotency);
  }

  /** An adapter with the default settings. */
  public static HttpIdempotency of(Idempotency idempotency) {
    return builder(idempotency).build();
  }

  /**
   * Handles a REST API request (payload format 1.0) at most once per key. The header is looked up
   * in {@code headers} and {@code multiValueHeaders}, in any letter case.
   *
   * @param request the API Gateway event
   * @param context the invocation's context, whose remaining time bounds the lease; null outside
   *     Lambda (the default lease applies)
   * @param handler the handler; its response must have a status code
   * @return the handler's response, a replayed one, or a problem response
   * @throws E whatever the handler throws, after the key was released
   * @throws dev.idem.idempotency.ResponseTooLargeException if the response does not fit in a record
   */
  public <E extends Exception> APIGatewayProxyResponseEvent handle(
      APIGatewayProxyRequestEvent request,
      Context context,
      EventHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent, E> handler)
      throws E {
    IdempotentRequest guarded = restRequest(request, context);
    if (guarded == null) {
      return keyRequired
          ? RestApiEvents.toEvent(problems.missingKey(headerName))
          : handler.handle(request);
    }
    return RestApiEvents.toEvent(
        guard(guarded, () -> RestApiEvents.toData(handler.handle(request))));
  }

  /**
   * Handles a REST API request (payload format 1.0) at most once per key, in one DynamoDB
   * transaction. The handler runs first and adds its writes instead of executing them; then the
   * claim of the key, those writes and the stored response commit together. A duplicate's writes
   * never land: it gets the stored response with {@code Idempotent-Replayed: true}. A response
   * whose status {@linkplain Builder#retryWhenStatus releases the key} is returned without any
   * write. The key is required in this mode, whatever {@link Builder#keyRequired} says: without it
   * there is no transaction to carry the writes.
   *
   * {@snippet :
   * return http.handleInSingleTransaction(
   *     event,
   *     context,
   *     (request, writes) -> {
   *       Order order = orders.price(request.getBody());
   *       writes.put(orders.putNew(order)); // with attribute_not_exists(orderId)
   *       return created(order);
   *     });
   * }
   *
   * <p>Problems as in {@link #handle(APIGatewayProxyRequestEvent, Context, EventHandler)}; since
   * the transaction writes nothing when it fails, a store failure after the handler ran is a 503
   * problem too.
   *
   * @param request the API Gateway event
   * @param context the invocation's context, whose remaining time bounds the lease; null outside
   *     Lambda (the default lease applies)
   * @param handler computes the response and adds its writes; it must have no other effects
   * @return the handler's response, a replayed one, or a problem response
   * @throws E whatever the handler throws (nothing was written)
   * @throws dev.idem.idempotency.EffectConditionFailedException if a write's condition failed:
   *     nothing was written
   * @throws dev.idem.idempotency.ResponseTooLargeException if the response does not fit in a record
   * @throws IdempotencyConfigurationException if the store is not transactional
   */
  public <E extends Exception> APIGatewayProxyResponseEvent handleInSingleTransaction(
      APIGatewayProxyRequestEvent request,
      Context context,
      TransactionalHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent, E> handler)
      throws E {
    IdempotentRequest guarded = restRequest(request, context);
    if (guarded == null) {
      return RestApiEvents.toEvent(problems.missingKey(headerName));
    }
    return RestApiEvents.toEvent(
        guardInSingleTransaction(
            guarded, writes -> RestApiEvents.toData(handler.handle(request, writes))));
  }

  /**
   * Handles an HTTP API request (payload format 2.0) at most once per key; see {@link
   * #handle(APIGatewayProxyRequestEvent, Context, EventHandler)}.
   *
   * @throws E whatever the handler throws, after the key was released
   * @throws dev.idem.idempotency.ResponseTooLargeException if the response does not fit in a record
   */
  public <E extends Exception> APIGatewayV2HTTPResponse handle(
      APIGatewayV2HTTPEvent request,
      Context context,
      EventHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse, E> handler)
      throws E {
    IdempotentRequest guarded = httpApiRequest(request, context);
    if (guarded == null) {
      return keyRequired
          ? HttpApiEvents.toEvent(problems.missingKey(headerName))
          : handler.handle(request);
    }
    return HttpApiEvents.toEvent(
        guard(guarded, () -> HttpApiEvents.toData(handler.handle(request))));
  }

  /**
   * Handles an HTTP API request (payload format 2.0) at most once per key, in one DynamoDB
   * transaction; see {@link #handleInSingleTransaction(APIGatewayProxyRequestEvent, Context,
   * TransactionalHandler)}.
   *
   * @throws E whatever the handler throws (nothing was written)
   * @throws dev.idem.idempotency.EffectConditionFailedException if a write's condition failed:
   *     nothing was written
   * @throws dev.idem.idempotency.ResponseTooLargeException if the response does not fit in a record
   * @throws IdempotencyConfigurationException if the store is not transactional
   */
  public <E extends Exception> APIGatewayV2HTTPResponse handleInSingleTransaction(
      APIGatewayV2HTTPEvent request,
      Context context,
      TransactionalHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse, E> handler)
      throws E {
    IdempotentRequest guarded = httpApiRequest(request, context);
    if (guarded == null) {
      return HttpApiEvents.toEvent(problems.missingKey(headerName));
    }
    return HttpApiEvents.toEvent(
        guardInSingleTransaction(
            guarded, writes -> HttpApiEvents.toData(handler.handle(request, writes))));
  }

  /** The guarded request, or null when the request carries no key. */
  private IdempotentRequest restRequest(APIGatewayProxyRequestEvent request, Context context) {
    String key = HttpHeaders.key(RestApiEvents.header(request, headerName));
    if (key == null) {
      return null;
    }
    boolean base64 = Boolean.TRUE.equals(request.getIsBase64Encoded());
    JsonNode payload =
        payloads.http(
            RestApiEvents.method(request), RestApiEvents.path(request), request.getBody(), base64);
    return Payloads.request(key, payload, context)
        .caller(restCaller.apply(request))
        .retryWhen(this::isRetryable);
  }

  /** The guarded request, or null when the request carries no key. */
  private IdempotentRequest httpApiRequest(APIGatewayV2HTTPEvent request, Context context) {
    String key = HttpHeaders.key(HttpApiEvents.header(request, headerName));
    if (key == null) {
      return null;
    }
    JsonNode payload =
        payloads.http(
            HttpApiEvents.method(request),
            HttpApiEvents.path(request),
            request.getBody(),
            request.getIsBase64Encoded());
    return Payloads.request(key, payload, context)
        .caller(httpApiCaller.apply(request))
        .retryWhen(this::isRetryable);
  }

  private <E extends Exception> HttpResponseData guard(
      IdempotentRequest request, Work<HttpResponseData, E> work) throws E {
    // Only exceptions raised before the handler ran become problem responses: after it ran, a
    // library exception (an oversized response) or the handler's own must reach the caller.
    boolean[] ran = new boolean[1];
    try {
      HttpResponseData response =
          idempotency.execute(
              request,
              HttpResponseData.class,
              () -> {
                ran[0] = true;
                return work.run();
              });
      return ran[0] ? response : response.withHeader(REPLAYED_HEADER, "true");
    } catch (IdempotencyException e) {
      if (ran[0]) {
        throw e;
      }
      return problem(e);
    }
  }

  private <E extends Exception> HttpResponseData guardInSingleTransaction(
      IdempotentRequest request, TransactionalWork<HttpResponseData, E> work) throws E {
    // The handler runs before the claim, so a replay is told by the response itself: any other
    // than the handler's was read from the record. A library exception comes from a transaction
    // that wrote nothing, so all but the handler's own may become problem responses.
    HttpResponseData[] produced = new HttpResponseData[1];
    boolean[] running = new boolean[1];
    try {
      HttpResponseData response =
          idempotency.executeInSingleTransaction(
              request,
              HttpResponseData.class,
              writes -> {
                running[0] = true;
                produced[0] = work.run(writes);
                running[0] = false;
                return produced[0];
              });
      return response == produced[0] ? response : response.withHeader(REPLAYED_HEADER, "true");
    } catch (IdempotencyException e) {
      if (running[0]) {
        throw e;
      }
      return problem(e);
    }
  }

  private HttpResponseData problem(IdempotencyException e) {
    return switch (e) {
      case InvalidKeyException invalid -> problems.invalidKey(invalid.getMessage());
      case InFlightException inFlight -> problems.inFlight(inFlight.retryAfter());
      case PayloadMismatchException mismatch -> problems.keyReused();
      case IdempotencyStoreException store -> problems.storeUnavailable();
      default -> throw e;
    };
  }

  private boolean isRetryable(Object response) {
    return response instanceof HttpResponseData data && retryableStatus.test(data.statusCode());
  }

  /** Configures an {@link HttpIdempotency}; not thread-safe, the result is. */
  public static final class Builder {
    private final Idempotency idempotency;
    private String headerName = DEFAULT_HEADER;
    private boolean keyRequired = true;
    private IntPredicate retryableStatus = status -> status >= 500;
    private Function<APIGatewayProxyRequestEvent, String> restCaller = RestApiEvents::caller;
    private Function<APIGatewayV2HTTPEvent, String> httpApiCaller = HttpApiEvents::caller;
    private ObjectMapper mapper = new ObjectMapper();

    private Builder(Idempotency idempotency) {
      this.idempotency = idempotency;
    }

    /** The request header that carries the key, in any letter case. Default: Idempotency-Key. */
    public Builder headerName(String headerName) {
      this.headerName = headerName;
      return this;
    }

    /**
     * Whether a request without the header is refused with 400 (true, the default) or runs the
     * handler unguarded (false).
     */
    public Builder keyRequired(boolean keyRequired) {
      this.keyRequired = keyRequired;
      return this;
    }

    /**
     * Which response statuses release the key instead of being stored: the client gets the
     * response, and its retry with the same key runs the handler again. Default: 500 and above. A
     * handler that refuses invalid requests without any effect may choose {@code status -> status
     * >= 400}, so that nothing at all is written for them and a corrected request may reuse the
     * key.
     */
    public Builder retryWhenStatus(IntPredicate retryableStatus) {
      this.retryableStatus = retryableStatus;
      return this;
    }

    /**
     * Who calls a REST API, to scope keys; null from the function leaves the key unscoped. Default:
     * the Lambda authorizer's {@code principalId}, else the Cognito authorizer's {@code sub} claim,
     * else the identity's Cognito identity id, IAM user ARN or API key.
     */
    public Builder callerFrom(Function<APIGatewayProxyRequestEvent, String> caller) {
      this.restCaller = caller;
      return this;
    }

    /**
     * Who calls an HTTP API, to scope keys; null from the function leaves the key unscoped.
     * Default: the JWT authorizer's {@code sub} claim, else the IAM user ARN.
     */
    public Builder callerFromV2(Function<APIGatewayV2HTTPEvent, String> caller) {
      this.httpApiCaller = caller;
      return this;
    }

    /** Parses JSON bodies and writes problem documents. Default: a plain ObjectMapper. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing or invalid
     */
    public HttpIdempotency build() {
      Payloads.require(idempotency != null, "idempotency is required");
      Payloads.require(
          headerName != null && headerName.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"),
          "headerName must be an HTTP header name (got " + headerName + ")");
      Payloads.require(restCaller != null && httpApiCaller != null, "callerFrom must not be null");
      Payloads.require(retryableStatus != null, "retryWhenStatus must not be null");
      Payloads.require(mapper != null, "objectMapper must not be null");
      return new HttpIdempotency(this);
    }
  }
}
