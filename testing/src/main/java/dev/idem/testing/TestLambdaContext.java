package dev.idem.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.util.UUID;

/**
 * A Lambda {@link Context} for calling a handler in a test: the idempotency library bounds a key's
 * lease by the invocation's remaining time, so a handler passes its context on and a test needs one
 * with a known remaining time.
 *
 * @param remaining what {@link #getRemainingTimeInMillis()} reports, always the same
 * @param awsRequestId what {@link #getAwsRequestId()} reports
 */
public record TestLambdaContext(Duration remaining, String awsRequestId) implements Context {

  /** A context with {@code remaining} left and the request id {@code test-request}. */
  public TestLambdaContext(Duration remaining) {
    this(remaining, "test-request");
  }

  /** A context with thirty seconds left. */
  public static TestLambdaContext thirtySecondsLeft() {
    return new TestLambdaContext(Duration.ofSeconds(30));
  }

  /**
   * A context with {@code remaining} left and a new request id, as each invocation of a real
   * function gets.
   */
  public static TestLambdaContext newInvocation(Duration remaining) {
    return new TestLambdaContext(remaining, UUID.randomUUID().toString());
  }

  @Override
  public String getAwsRequestId() {
    return awsRequestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/test";
  }

  @Override
  public String getLogStreamName() {
    return "test";
  }

  @Override
  public String getFunctionName() {
    return "test";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return LocalAccount.arn("lambda", "function:test");
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return Math.toIntExact(remaining.toMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  /** Writes to standard error, where a test run shows it. */
  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.err.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.err.write(message, 0, message.length);
      }
    };
  }
}
