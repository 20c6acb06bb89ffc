package dev.idem.local.lambda;

import java.util.Objects;

/**
 * What sent an invocation, as its caller tells it: the console shows it and follows a request from
 * one hop to the next by {@link #trigger}. The caller knows; an event's shape does not tell an
 * asynchronous Invoke from a synchronous one, nor a schedule from a test.
 *
 * @param kind {@link #INVOKE} (the Lambda API, RequestResponse), {@link #ASYNC} (an Event invoke),
 *     {@link #API} (an API Gateway route), {@link #SQS}, {@link #DYNAMODB} (a stream), {@link
 *     #EVENTBRIDGE} (a rule's target), {@link #SCHEDULE}, or {@link #DIRECT} (in process, a test)
 * @param name what in that kind sent it: the route ({@code POST /orders}), queue, table, rule or
 *     schedule; null when there is none
 * @param trigger the id of the caller's request that led here, when it has one: the API request id,
 *     the asynchronous request id (shared by every attempt), the EventBridge event id
 * @param attempt which attempt this is, from 1 (asynchronous retries count up)
 * @param batchSize the records or messages in the event (1 when it is not a batch)
 */
public record InvocationSource(
    String kind, String name, String trigger, int attempt, int batchSize) {

  /** The Lambda API's RequestResponse Invoke. */
  public static final String INVOKE = "invoke";

  /** The Lambda API's Event Invoke, and asynchronous destinations. */
  public static final String ASYNC = "async";

  /** An API Gateway route. */
  public static final String API = "api";

  /** An SQS event source mapping. */
  public static final String SQS = "sqs";

  /** A DynamoDB stream event source mapping. */
  public static final String DYNAMODB = "dynamodb";

  /** An EventBridge rule's target. */
  public static final String EVENTBRIDGE = "eventbridge";

  /** An EventBridge Scheduler schedule. */
  public static final String SCHEDULE = "schedule";

  /** In process: a test, {@code bin/idem invoke}. */
  public static final String DIRECT = "direct";

  /** An invocation from in process, with nothing more to say. */
  public static final InvocationSource DIRECT_CALL = new InvocationSource(DIRECT, null, null, 1, 1);

  /** Checks the components. */
  public InvocationSource {
    Objects.requireNonNull(kind, "kind");
    if (attempt < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "attempt and batchSize start at 1, were " + attempt + " and " + batchSize);
    }
  }

  /** One call of {@code kind} from {@code name}, first attempt, not a batch. */
  public static InvocationSource of(String kind, String name, String trigger) {
    return new InvocationSource(kind, name, trigger, 1, 1);
  }

  /** The same source with the event's record count. */
  public InvocationSource batch(int size) {
    return new InvocationSource(kind, name, trigger, attempt, size);
  }

  /** The same source on attempt {@code number}. */
  public InvocationSource attempt(int number) {
    return new InvocationSource(kind, name, trigger, number, batchSize);
  }

  /** The same source with {@code id} as its trigger, unless it has one. */
  public InvocationSource triggeredBy(String id) {
    return trigger != null ? this : new InvocationSource(kind, name, id, attempt, batchSize);
  }
}
