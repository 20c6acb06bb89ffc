package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotencyException;
import dev.idem.idempotency.IdempotencyStoreException;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.InvalidIdempotencyKeyException;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.PayloadMismatchException;
import dev.idem.idempotency.Work;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Guards API Gateway handlers with the {@code Idempotency-Key} request header of the IETF draft.
 * One adapter serves one payload format: {@link #restApi} for REST APIs (format 1.0, {@code
 * APIGatewayProxyRequestEvent}), {@link #httpApi} for HTTP APIs (format 2.0, {@code
 * APIGatewayV2HTTPEvent}); both offer the same three modes as {@link Idempotency}. Immutable and
 * thread-safe: build one per container.
 *
 * @param <I> the request event type of the payload format
 * @param <O> the response event type of the payload format
 *     {@snippet :
 * public final class CreateOrderHandler
 *     implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
 *   private static final HttpIdempotency<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> HTTP =
 *       HttpIdempotency.httpApi(Idempotency.builder().store(store).keyPrefix("orders").build());
 *
 *   @Override
 *   public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
 *     return HTTP.handle(event, context, request -> orders.create(request.getBody()));
 *   }
 * }
 * }
 *     <p>What a request gets:
 *     <ul>
 *       <li>The first request with a key runs the handler. A response with status below 500 is a
 *           final outcome: it is stored and replayed. A 5xx response (or another status chosen with
 *           {@link Builder#retryWhenStatus}), or an exception from the handler, releases the key so
 *           that the client's retry runs the handler again; the exception reaches the caller
 *           unchanged.
 *       <li>A repeat gets the stored status, headers and body, plus the header {@code
 *           Idempotent-Replayed: true}.
 *       <li>The request is identified by its method, its path and its body (parsed when it is JSON,
 *           so that member order and spacing do not matter; decoded first when base64). The same
 *           key with another request gets 422.
 *       <li>Keys are scoped to the caller when the request context names one, so one client never
 *           gets another's response; see {@link Builder#callerFrom}.
 *     </ul>
 *     <p>A handler whose effects are DynamoDB writes adds them instead of executing them: with
 *     {@link #handleTransactional} they commit with the stored response after the claim, with
 *     {@link #handleInSingleTransaction} claim, writes and stored response commit in one
 *     transaction; the header, scope, fingerprint, problems and replay header are as above. A
 *     failed condition on one of those writes is the value {@link Outcome.Rejected}, for the
 *     handler to turn into a response.
 *     <p>Errors are {@code application/problem+json} documents (RFC 9457, with {@code type}, {@code
 *     title}, {@code status} and {@code detail}): a missing key where required or a malformed key
 *     400; a request with the same key still running 409 with {@code Retry-After}: a hint in whole
 *     seconds, the holder's remaining lease but at most {@link Builder#retryAfterCap} (2 s unless
 *     configured) and at least 1, since most work ends long before its lease; a key reused for
 *     another request 422; the store unavailable 503 with {@code Retry-After: 1}. They never carry
 *     the key or a stack trace.
 */
public final class HttpIdempotency<I, O> {

  /** The request header that carries the key, unless configured otherwise. */
  public static final String DEFAULT_HEADER = "Idempotency-Key";

  /** The response header that marks a replayed response. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** The longest {@code Retry-After} of a 409, unless configured otherwise. */
  public static final Duration DEFAULT_RETRY_AFTER_CAP = Duration.ofSeconds(2);

  private final Idempotency idempotency;
  private final HttpFormat<I, O> format;
  private final String headerName;
  private final boolean keyRequired;
  private final IntPredicate retryableStatus;
  private final Function<I, String> caller;
  private final Duration retryAfterCap;
  private final Payloads payloads;
  private final Problems problems;

  private HttpIdempotency(Builder<I, O> builder) {
    this.idempotency = builder.idempotency;
    this.format = builder.format;
    this.headerName = builder.headerName;
    this.keyRequired = builder.keyRequired;
    this.retryableStatus = builder.retryableStatus;
    this.caller = builder.caller;
    this.retryAfterCap = builder.retryAfterCap;
    this.payloads = new Payloads(builder.mapper);
    this.problems = new Problems(builder.mapper);
  }

  /** An adapter for REST API requests (payload format 1.0) with the default settings. */
  public static HttpIdempotency<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> restApi(
      Idempotency idempotency) {
    return restApiBuilder(idempotency).build();
  }

  /** An adapter for HTTP API requests (payload format 2.0) with the default settings. */
  public static HttpIdempotency<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpApi(
      Idempotency idempotency) {
    return httpApiBuilder(idempotency).build();
  }

  /**
   * A builder of a REST API adapter over {@code idempotency}, which sets the store, key prefix,
   * lease and record expiry.
   */
  public static Builder<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> restApiBuilder(
      Idempotency idempotency) {
    return new Builder<>(idempotency, HttpFormat.REST_API);
  }

  /**
   * A builder of an HTTP API adapter over {@code idempotency}, which sets the store, key prefix,
   * lease and record expiry.
   */
  public static Builder<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpApiBuilder(
      Idempotency idempotency) {
    return new Builder<>(idempotency, HttpFormat.HTTP_API);
  }

  /**
   * Guard mode: handles the request at most once per key. The header is looked up in any letter
   * case (for REST APIs in {@code headers} and {@code multiValueHeaders}).
   *
   * @param request the API Gateway event
   * @param context the invocation's context, whose remaining time bounds the lease; null outside
   *     Lambda (the default lease applies)
   * @param handler the handler; its response must have a status code
   * @return the handler's response, a replayed one, or a problem response
   * @throws E whatever the handler throws, after the key was released
   * @throws dev.idem.idempotency.ResponseTooLargeException if the response does not fit in a record
   */
  public <E extends Exception> O handle(I request, Context context, EventHandler<I, O, E> handler)
      throws E {
    IdempotentRequest guarded = guarded(request, context);
    if (guarded == null) {
      return keyRequired
          ? format.toEvent().apply(problems.missingKey(headerName))
          : handler.handle(request);
    }
    return format
        .toEvent()
        .apply(guard(guarded, () -> format.toData().apply(handler.handle(request))));
  }

  /**
   * Transactional completion: claims the key, runs the handler, then commits the writes it added
   * together with the stored response in one DynamoDB transaction. The key is required in this
   * mode, whatever {@link Builder#keyRequired} says: without it there is no record to commit with.
   *
   * @param request the API Gateway event
   * @param context the invocation's context, whose remaining time bounds the lease; null outside
   *     Lambda (the default lease applies)
   * @param handler computes the response and adds its writes
   * @return the response (the handler's, a replayed one or a problem), or the rejection of one of
   *     the handler's writes (nothing was written, the key is free)
   * @throws E whatever the handler throws (nothing was written)
   * @throws dev.idem.idempotency.LeaseLostException if another invocation took the key over before
   *     the commit (nothing was written)
   * @throws dev.idem.idempotency.ResponseTooLargeException if the response does not fit in a record
   * @throws IdempotencyConfigurationException if the store is not transactional
   */
  public <E extends Exception> Outcome<O> handleTransactional(
      I request, Context context, TransactionalHandler<I, O, E> handler) throws E {
    return inTransaction(request, context, handler, TransactionMode.COMPLETION);
  }

  /**
   * Single transaction: runs the handler first, which adds its writes instead of executing them;
   * then the claim of the key, those writes and the stored response commit together. A duplicate's
   * writes never land: it gets the stored response with {@code Idempotent-Replayed: true}. A
   * response whose status {@linkplain Builder#retryWhenStatus releases the key} is returned without
   * any write. The key is required in this mode, as in {@link #handleTransactional}.
   *
   * {@snippet :
   * return switch (http.handleInSingleTransaction(event, context, (request, writes) -> {
   *       Order order = orders.price(request.getBody());
   *       writes.put(orders.putNew(order)); // with attribute_not_exists(orderId)
   *       return created(order);
   *     })) {
   *   case Outcome.Done<APIGatewayV2HTTPResponse>(var response, var replayed) -> response;
   *   case Outcome.Rejected<APIGatewayV2HTTPResponse> rejected -> conflict("order exists");
   * };
   * }
   *
   * <p>Problems as in {@link #handle}; since the transaction writes nothing when it fails, a store
   * failure after the handler ran is a 503 problem too.
   *
   * @param request the API Gateway event
   * @param context the invocation's context, whose remaining time bounds the lease; null outside
   *     Lambda (the default lease applies)
   * @param handler computes the response and adds its writes; it must have no other effects
   * @return the response (the handler's, a replayed one or a problem), or the rejection of one of
   *     the handler's writes (nothing was written)
   * @throws E whatever the handler throws (nothing was written)
   * @throws dev.idem.idempotency.ResponseTooLargeException if the response does not fit in a record
   * @throws IdempotencyConfigurationException if the store is not transactional
   */
  public <E extends Exception> Outcome<O> handleInSingleTransaction(
      I request, Context context, TransactionalHandler<I, O, E> handler) throws E {
    return inTransaction(request, context, handler, TransactionMode.SINGLE);
  }

  /** The guarded request, or null when the request carries no key. */
  private IdempotentRequest guarded(I request, Context context) {
    String key = HttpHeaders.key(format.header().apply(request, headerName));
    if (key == null) {
      return null;
    }
    return Payloads.request(
            key,
            payloads.http(
                format.method().apply(request),
                format.path().apply(request),
                format.body().apply(request),
                format.base64().test(request)),
            context)
        .caller(caller.apply(request))
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

  private <E extends Exception> Outcome<O> inTransaction(
      I request, Context context, TransactionalHandler<I, O, E> handler, TransactionMode mode)
      throws E {
    IdempotentRequest guarded = guarded(request, context);
    if (guarded == null) {
      return new Outcome.Done<>(format.toEvent().apply(problems.missingKey(headerName)));
    }
    // A library exception comes from a transaction that wrote nothing, so all but the handler's
    // own may become problem responses.
    boolean[] running = new boolean[1];
    Outcome<HttpResponseData> outcome;
    try {
      outcome =
          mode.run(
              idempotency,
              guarded,
              HttpResponseData.class,
              writes -> {
                running[0] = true;
                HttpResponseData response = format.toData().apply(handler.handle(request, writes));
                running[0] = false;
                return response;
              });
    } catch (IdempotencyException e) {
      if (running[0]) {
        throw e;
      }
      return new Outcome.Done<>(format.toEvent().apply(problem(e)));
    }
    return switch (outcome) {
      case Outcome.Done<HttpResponseData>(HttpResponseData response, boolean replayed) ->
          new Outcome.Done<>(
              format
                  .toEvent()
                  .apply(replayed ? response.withHeader(REPLAYED_HEADER, "true") : response),
              replayed);
      case Outcome.Rejected<HttpResponseData>(int writeIndex, var item) ->
          new Outcome.Rejected<>(writeIndex, item);
    };
  }

  private HttpResponseData problem(IdempotencyException e) {
    return switch (e) {
      case InvalidIdempotencyKeyException invalid -> problems.invalidKey(invalid.getMessage());
      case InFlightException inFlight -> problems.inFlight(retryAfter(inFlight.retryAfter()));
      case PayloadMismatchException mismatch -> problems.keyReused();
      case IdempotencyStoreException store -> problems.storeUnavailable();
      default -> throw e;
    };
  }

  /**
   * The hint a 409 gives: the holder's remaining lease, at most the cap. The lease is the upper
   * bound of how long the key can stay held, but most work finishes in far less, and a client told
   * to wait out a minutes-long lease would wait minutes for a response that is ready in
   * milliseconds.
   */
  private Duration retryAfter(Duration leaseLeft) {
    return leaseLeft.compareTo(retryAfterCap) < 0 ? leaseLeft : retryAfterCap;
  }

  private boolean isRetryable(Object response) {
    return response instanceof HttpResponseData data && retryableStatus.test(data.statusCode());
  }

  /**
   * Configures an {@link HttpIdempotency} for one payload format; not thread-safe, the result is.
   *
   * @param <I> the request event type
   * @param <O> the response event type
   */
  public static final class Builder<I, O> {
    private final Idempotency idempotency;
    private final HttpFormat<I, O> format;
    private String headerName = DEFAULT_HEADER;
    private boolean keyRequired = true;
    private IntPredicate retryableStatus = status -> status >= 500;
    private Function<I, String> caller;
    private Duration retryAfterCap = DEFAULT_RETRY_AFTER_CAP;
    private ObjectMapper mapper = new ObjectMapper();

    private Builder(Idempotency idempotency, HttpFormat<I, O> format) {
      this.idempotency = idempotency;
      this.format = format;
      this.caller = format.caller();
    }

    /** The request header that carries the key, in any letter case. Default: Idempotency-Key. */
    public Builder<I, O> headerName(String headerName) {
      this.headerName = headerName;
      return this;
    }

    /**
     * Whether a request without the header is refused with 400 (true, the default) or runs the
     * handler unguarded (false). The transactional modes always require it.
     */
    public Builder<I, O> keyRequired(boolean keyRequired) {
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
    public Builder<I, O> retryWhenStatus(IntPredicate retryableStatus) {
      this.retryableStatus = retryableStatus;
      return this;
    }

    /**
     * Who calls the API, to scope keys; null from the function leaves the key unscoped. Default for
     * REST APIs: the Lambda authorizer's {@code principalId}, else the Cognito authorizer's {@code
     * sub} claim, else the identity's Cognito identity id, IAM user ARN or API key. Default for
     * HTTP APIs: the JWT authorizer's {@code sub} claim, else the IAM user ARN.
     */
    public Builder<I, O> callerFrom(Function<I, String> caller) {
      this.caller = caller;
      return this;
    }

    /**
     * The longest {@code Retry-After} a 409 suggests; it is the holder's remaining lease when that
     * is shorter, and never under one second. Default: {@link #DEFAULT_RETRY_AFTER_CAP}.
     */
    public Builder<I, O> retryAfterCap(Duration cap) {
      this.retryAfterCap = cap;
      return this;
    }

    /** Parses JSON bodies and writes problem documents. Default: a plain ObjectMapper. */
    public Builder<I, O> objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing or invalid
     */
    public HttpIdempotency<I, O> build() {
      Payloads.require(idempotency != null, "idempotency is required");
      Payloads.require(
          headerName != null && headerName.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"),
          "headerName must be an HTTP header name (got " + headerName + ")");
      Payloads.require(caller != null, "callerFrom must not be null");
      Payloads.require(retryableStatus != null, "retryWhenStatus must not be null");
      Payloads.require(
          retryAfterCap != null && retryAfterCap.compareTo(Duration.ofSeconds(1)) >= 0,
          "retryAfterCap must be at least one second (got " + retryAfterCap + ")");
      Payloads.require(mapper != null, "objectMapper must not be null");
      return new HttpIdempotency<>(this);
    }
  }
}
