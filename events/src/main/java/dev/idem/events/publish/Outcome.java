package dev.idem.events.publish;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** What happened to one entry in one call. */
sealed interface Outcome {

  Outcome SENT = new Sent();

  record Sent() implements Outcome {}

  record Failed(String code, String message, boolean retryable) implements Outcome {}

  /**
   * The outcome for every entry of a call that failed as a whole. Client-side failures (I/O,
   * timeouts), throttling and server errors may pass on another try; anything else (access denied,
   * a validation error) will not.
   */
  static Failed of(SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
              ? service.awsErrorDetails().errorCode()
              : e.getClass().getSimpleName();
      boolean retryable = service.isThrottlingException() || service.statusCode() >= 500;
      return new Failed(code, e.getMessage(), retryable);
    }
    return new Failed(
        e.getClass().getSimpleName(), e.getMessage(), e instanceof SdkClientException);
  }
}
