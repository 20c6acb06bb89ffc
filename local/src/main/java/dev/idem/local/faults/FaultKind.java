package dev.idem.local.faults;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an Idem fault rule does, and at which hop of the local cloud. Each kind names the fields a
 * rule of that kind may match on and the parameters it takes; anything else in a rule is refused.
 */
public enum FaultKind {
  /**
   * An AWS API call is refused with an error (default 503 ServiceUnavailable) before the backend.
   */
  AWS_ERROR("aws-error", Target.AWS_CALL, Set.of("error")),
  /** An AWS API call takes effect, then its caller gets an error (default 500) or a reset. */
  AWS_APPLIED_LOST("aws-applied-lost", Target.AWS_CALL, Set.of("error", "answer")),
  /** An AWS API call is answered {@code latencyMs} later. */
  AWS_LATENCY("aws-latency", Target.AWS_CALL, Set.of("latencyMs")),
  /** The instance's process is killed as it takes the invocation, before the handler runs. */
  LAMBDA_KILL_BEFORE_HANDLER("lambda-kill-before-handler", Target.FUNCTION, Set.of()),
  /** The instance's process is killed once its {@code call}-th AWS call has taken effect. */
  LAMBDA_KILL_AFTER_CALL("lambda-kill-after-call", Target.FUNCTION_CALL, Set.of("call")),
  /** The instance's process is killed after it posted its response, before that is used. */
  LAMBDA_KILL_AFTER_RESPONSE("lambda-kill-after-response", Target.FUNCTION, Set.of()),
  /**
   * The invocation hangs until its timeout: its response is held back, or, with {@code call}, its
   * {@code call}-th AWS call takes effect and is never answered.
   */
  LAMBDA_HANG("lambda-hang", Target.FUNCTION_CALL, Set.of("call")),
  /** A new instance's init takes {@code latencyMs} longer. */
  LAMBDA_SLOW_START("lambda-slow-start", Target.FUNCTION, Set.of("latencyMs")),
  /** An SQS batch is delivered twice: a second, concurrent invocation with the same messages. */
  SQS_DUPLICATE("sqs-duplicate", Target.SQS_BATCH, Set.of()),
  /** The batch's visibility timeout lapses as it is invoked, so the queue hands it out again. */
  SQS_VISIBILITY_LAPSE("sqs-visibility-lapse", Target.SQS_BATCH, Set.of()),
  /** A stream batch is delivered twice: a second, concurrent invocation with the same records. */
  STREAM_DUPLICATE("stream-duplicate", Target.STREAM_BATCH, Set.of()),
  /** A rule delivers an event to its target twice. */
  EVENT_DUPLICATE("event-duplicate", Target.EVENT_DELIVERY, Set.of()),
  /** A PutEvents entry is reported failed ({@code InternalFailure}) and not delivered. */
  PUT_EVENTS_FAILED("putevents-failed", Target.PUT_EVENTS_ENTRY, Set.of()),
  /** A PutEvents entry is reported failed ({@code InternalFailure}) although it was delivered. */
  PUT_EVENTS_FAILED_DELIVERED("putevents-failed-delivered", Target.PUT_EVENTS_ENTRY, Set.of()),
  /**
   * An HTTP stub applies the request, then answers only after {@code latencyMs} (default 30 s: past
   * any client timeout) or resets the connection ({@code "answer": "reset"}).
   */
  STUB_APPLIED_LOST("stub-applied-lost", Target.STUB_REQUEST, Set.of("answer", "latencyMs"));

  /** Where a kind applies, and so which fields its rules may match on. */
  enum Target {
    AWS_CALL(Set.of("service", "region", "operation", "function", "table", "queue", "bus")),
    FUNCTION(Set.of("function")),
    FUNCTION_CALL(Set.of("function", "service", "operation")),
    SQS_BATCH(Set.of("function", "queue")),
    STREAM_BATCH(Set.of("function", "table")),
    EVENT_DELIVERY(Set.of("bus", "rule")),
    PUT_EVENTS_ENTRY(Set.of("bus", "function", "source", "detailType")),
    STUB_REQUEST(Set.of("stub", "path"));

    private final Set<String> matchFields;

    Target(Set<String> matchFields) {
      this.matchFields = matchFields;
    }

    Set<String> matchFields() {
      return matchFields;
    }
  }

  private final String id;
  private final Target target;
  private final Set<String> parameters;

  FaultKind(String id, Target target, Set<String> parameters) {
    this.id = id;
    this.target = target;
    this.parameters = parameters;
  }

  /** The kind's name in rules and logs, e.g. {@code aws-error}. */
  public String id() {
    return id;
  }

  Target target() {
    return target;
  }

  /** The fields a rule of this kind may match on. */
  public Set<String> matchFields() {
    return target.matchFields();
  }

  /** The kind-specific parameters a rule of this kind takes. */
  public Set<String> parameters() {
    return parameters;
  }

  /** The kind named {@code id}. */
  public static Optional<FaultKind> byId(String id) {
    return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
  }

  /** Every kind's name, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(FaultKind::id).toList();
  }
}
