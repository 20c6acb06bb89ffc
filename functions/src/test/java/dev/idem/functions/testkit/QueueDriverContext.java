package dev.idem.functions.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda context {@link QueueDriver} invokes handlers with: a new request id per invocation and
 * a fixed time left, as a function timeout would give.
 *
 * @param remainingMillis the time left, in milliseconds
 * @param requestId the invocation's request id
 */
record QueueDriverContext(int remainingMillis, String requestId) implements Context {

  /** A context with {@code remainingMillis} left and a new request id. */
  QueueDriverContext(int remainingMillis) {
    this(remainingMillis, UUID.randomUUID().toString());
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/queue-driver";
  }

  @Override
  public String getLogStreamName() {
    return "queue-driver";
  }

  @Override
  public String getFunctionName() {
    return "queue-driver";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:queue-driver";
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
    return remainingMillis;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
