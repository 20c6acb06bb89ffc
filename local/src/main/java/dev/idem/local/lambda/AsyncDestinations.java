package dev.idem.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where asynchronous invocations report: destinations by ARN, and dead-letter queues. */
public interface AsyncDestinations {

  /** Nothing goes anywhere. */
  AsyncDestinations NONE =
      new AsyncDestinations() {
        @Override
        public void record(String arn, ObjectNode record, boolean success) {
          throw new IllegalStateException("No destinations here: " + arn);
        }

        @Override
        public void deadLetter(String arn, byte[] event, DeadLetter attributes) {
          throw new IllegalStateException("No dead-letter queues here: " + arn);
        }
      };

  /**
   * Sends an invocation record ({@link DestinationRecord}) to an SQS queue, a Lambda function (as
   * its event, asynchronously) or an EventBridge bus (as the detail of a {@code Lambda Function
   * Invocation Result - Success|Failure} event).
   *
   * @throws Exception when the destination cannot take it
   */
  void record(String arn, ObjectNode record, boolean success) throws Exception;

  /**
   * Sends the event itself to a dead-letter queue with Lambda's message attributes.
   *
   * @throws Exception when the queue cannot take it
   */
  void deadLetter(String arn, byte[] event, DeadLetter attributes) throws Exception;

  /**
   * The message attributes Lambda puts on a dead-letter message ("Dead-letter queues", AWS Lambda
   * Developer Guide).
   *
   * @param requestId {@code RequestID} (String): the invocation's request id
   * @param errorCode {@code ErrorCode} (Number): the three-digit HTTP status code
   * @param errorMessage {@code ErrorMessage} (String): the first 1 KB of the error message
   */
  record DeadLetter(String requestId, int errorCode, String errorMessage) {}
}
