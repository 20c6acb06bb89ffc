package dev.idem.local.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One Idem fault rule: which kind of fault, where (the match fields its kind allows; a missing
 * field matches everything), how often ({@code probability}, at most {@code limit} times, inside an
 * optional window of time since the rule was installed) and the kind's parameters.
 *
 * {@snippet lang = "json" :
 * {"kind": "aws-applied-lost", "service": "dynamodb", "operation": "TransactWriteItems",
 *  "probability": 0.05, "limit": 100, "window": {"from": 0, "until": 600}, "answer": "reset"}
 * }
 *
 * @param name the rule's name in the fault log (default {@code rule-<n>}, its position)
 * @param kind what it does
 * @param match field name to value, e.g. {@code function -> CapturePaymentFunction}; ARNs and queue
 *     URLs are reduced to names when read
 * @param probability the chance, 0 to 1, that a matching call is faulted (default 1)
 * @param limit the most faults it injects; 0 for no limit
 * @param window when it is active, or null for always
 * @param error the error to answer, for {@code aws-error} and {@code aws-applied-lost}, or null
 * @param answer how the answer is lost, for {@code aws-applied-lost} and {@code stub-applied-lost}
 * @param latency the delay, for {@code aws-latency}, {@code lambda-slow-start} and {@code
 *     stub-applied-lost}, or null
 * @param call the AWS call, counted from 1 within an invocation, after which the fault strikes
 *     ({@code lambda-kill-after-call}, {@code lambda-hang}); 0 for none
 */
public record FaultRule(
    String name,
    FaultKind kind,
    Map<String, String> match,
    double probability,
    long limit,
    Window window,
    ErrorSpec error,
    Answer answer,
    Duration latency,
    int call) {

  /** How the answer to an applied request is lost. */
  public enum Answer {
    /** An error status in the protocol's shape. */
    ERROR("error"),
    /** The connection is closed without an answer. */
    RESET("reset"),
    /** The answer comes only after the rule's latency. */
    TIMEOUT("timeout");

    private final String id;

    Answer(String id) {
      this.id = id;
    }

    /** Its name in rules. */
    public String id() {
      return id;
    }
  }

  /**
   * When a rule is active: from {@code from} to {@code until}, both counted from the moment the
   * rule was installed.
   *
   * @param from when it starts
   * @param until when it ends, or null for never
   */
  public record Window(Duration from, Duration until) {

    /** Checks the bounds. */
    public Window {
      Objects.requireNonNull(from, "from");
      if (from.isNegative() || (until != null && until.compareTo(from) <= 0)) {
        throw new IllegalArgumentException("window: until must come after from, both >= 0");
      }
    }

    boolean contains(Duration sinceInstalled) {
      return sinceInstalled.compareTo(from) >= 0
          && (until == null || sinceInstalled.compareTo(until) < 0);
    }
  }

  /**
   * An AWS error to answer.
   *
   * @param statusCode the HTTP status (400 to 599)
   * @param code the error code, e.g. {@code ThrottlingException}
   * @param message the message, or null for a default naming the rule
   */
  public record ErrorSpec(int statusCode, String code, String message) {

    /** LocalStack's default: 503 {@code ServiceUnavailable}. */
    public static final ErrorSpec SERVICE_UNAVAILABLE =
        new ErrorSpec(503, "ServiceUnavailable", null);

    /** A 500 {@code InternalServerError}, which every AWS SDK retries. */
    public static final ErrorSpec INTERNAL_SERVER_ERROR =
        new ErrorSpec(500, "InternalServerError", null);

    /** Checks the status and code. */
    public ErrorSpec {
      Objects.requireNonNull(code, "code");
      if (statusCode < 400 || statusCode > 599) {
        throw new IllegalArgumentException("error.statusCode must be between 400 and 599");
      }
    }
  }

  /** Checks the components. */
  public FaultRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    match = Map.copyOf(match);
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be between 0 and 1");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 (none) or more");
    }
    if (call < 0) {
      throw new IllegalArgumentException("call must be 1 or more");
    }
  }

  /**
   * Whether the rule's match fields all hold for {@code target}; a rule with a {@code call} matches
   * only that call of an invocation, a rule without one only targets that are not calls.
   */
  boolean matches(FaultTarget target) {
    String number = target.get("call");
    if (call == 0 ? number != null : !Integer.toString(call).equals(number)) {
      return false;
    }
    for (Map.Entry<String, String> field : match.entrySet()) {
      if (!target.has(field.getKey(), field.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The error this rule answers with, its kind's default when it names none. */
  ErrorSpec errorOrDefault() {
    if (error != null) {
      return error;
    }
    return kind == FaultKind.AWS_APPLIED_LOST
        ? ErrorSpec.INTERNAL_SERVER_ERROR
        : ErrorSpec.SERVICE_UNAVAILABLE;
  }
}
