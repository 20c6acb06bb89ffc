package dev.idem.idempotency;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One call's inputs: the key that names the operation, the payload it must match, and what is known
 * about the caller and the time left.
 *
 * {@snippet :
 * IdempotentRequest request =
 *     IdempotentRequest.of(headers.get("Idempotency-Key"), body, context).caller(principalId);
 * }
 *
 * @param key the client's key for the operation: 1 to 255 printable ASCII characters
 * @param payload what the key must always come with; fingerprinted as canonical JSON (may be null)
 * @param caller who is calling, when known (a principal, an API key id); keys of different callers
 *     never meet. Null when unknown.
 * @param remainingTime the invocation's time left, which bounds the default lease; null when
 *     unknown (the configured default lease applies)
 * @param retryWhen responses for which the key is released instead of stored, so a retry runs the
 *     work again (for example HTTP 5xx); null to store every response
 */
public record IdempotentRequest(
    String key,
    Object payload,
    String caller,
    Duration remainingTime,
    Predicate<Object> retryWhen) {

  public IdempotentRequest {
    if (remainingTime != null && remainingTime.isNegative()) {
      remainingTime = Duration.ZERO;
    }
  }

  /** A request with no caller and no known time limit. The key is validated when it runs. */
  public static IdempotentRequest of(String key, Object payload) {
    return new IdempotentRequest(key, payload, null, null, null);
  }

  /** A request whose time limit is the Lambda invocation's remaining time. */
  public static IdempotentRequest of(String key, Object payload, Context context) {
    Objects.requireNonNull(context, "context");
    Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
    return new IdempotentRequest(key, payload, null, remaining, null);
  }

  /** This request, scoped to {@code caller}. */
  public IdempotentRequest caller(String caller) {
    return new IdempotentRequest(key, payload, caller, remainingTime, retryWhen);
  }

  /** This request, with {@code remainingTime} left in the invocation. */
  public IdempotentRequest remainingTime(Duration remainingTime) {
    return new IdempotentRequest(key, payload, caller, remainingTime, retryWhen);
  }

  /** This request, releasing the key instead of storing responses that match {@code retryWhen}. */
  public IdempotentRequest retryWhen(Predicate<Object> retryWhen) {
    return new IdempotentRequest(key, payload, caller, remainingTime, retryWhen);
  }

  /** The remaining time, when known. */
  public Optional<Duration> remaining() {
    return Optional.ofNullable(remainingTime);
  }

  @Override
  public String toString() {
    // Keys and payloads may be secrets or personal data: never print them.
    return "IdempotentRequest[caller="
        + (caller != null)
        + ", remainingTime="
        + remainingTime
        + "]";
  }
}
