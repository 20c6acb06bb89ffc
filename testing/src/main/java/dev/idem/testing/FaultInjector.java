package dev.idem.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that makes chosen DynamoDB operations fail as the network and the service fail,
 * for failure tests. It sits below the SDK's retry loop, so every attempt counts and SDK retries
 * consume the planned faults. A throttled or refused attempt never reaches the server, so nothing
 * it would have written lands; an attempt whose answer is lost ({@link #loseAnswer}) reaches it and
 * takes effect, and only then does the connection fail. Thread-safe.
 *
 * {@snippet :
 * FaultInjector faults = new FaultInjector(UrlConnectionHttpClient.create());
 * DynamoDbClient client = DynamoDbClient.builder().httpClient(faults) ... .build();
 * faults.throttle("PutItem", 1); // the next attempt is throttled, the SDK's retry succeeds
 * }
 */
public final class FaultInjector implements SdkHttpClient {

  /** How a faulted attempt fails. */
  public enum Fault {
    /** HTTP 400 {@code ProvisionedThroughputExceededException}; retried by the SDK. */
    THROTTLE,
    /** Connection refused; retried by the SDK as an I/O error. */
    CONNECTION_REFUSED,
    /**
     * The request reaches the server and takes effect, then the connection is reset before the
     * answer is read; retried by the SDK as an I/O error, so the retry repeats a write that landed.
     */
    ANSWER_LOST
  }

  private static final String TARGET = "X-Amz-Target";
  private static final byte[] THROTTLED_BODY =
      ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
              + "\"message\":\"Injected throttling\"}")
          .getBytes(StandardCharsets.UTF_8);

  private record Plan(Fault fault, AtomicInteger remaining) {}

  private final SdkHttpClient delegate;
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> faulted = new ConcurrentHashMap<>();

  /** Wraps the client that carries the attempts that are not faulted. */
  public FaultInjector(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  /** Throttles the next {@code attempts} attempts of {@code operation}, e.g. {@code PutItem}. */
  public void throttle(String operation, int attempts) {
    plans.put(operation, new Plan(Fault.THROTTLE, new AtomicInteger(attempts)));
  }

  /** Refuses the connection of the next {@code attempts} attempts of {@code operation}. */
  public void refuse(String operation, int attempts) {
    plans.put(operation, new Plan(Fault.CONNECTION_REFUSED, new AtomicInteger(attempts)));
  }

  /**
   * Sends the next {@code attempts} attempts of {@code operation} to the server, then loses their
   * answers as a reset connection would.
   */
  public void loseAnswer(String operation, int attempts) {
    plans.put(operation, new Plan(Fault.ANSWER_LOST, new AtomicInteger(attempts)));
  }

  /** Fails every attempt of {@code operation} until {@link #clear()}. */
  public void failAlways(String operation, Fault fault) {
    plans.put(operation, new Plan(fault, new AtomicInteger(Integer.MAX_VALUE)));
  }

  /** Stops injecting faults. */
  public void clear() {
    plans.clear();
  }

  /** How many attempts of {@code operation} were faulted so far. */
  public int faulted(String operation) {
    AtomicInteger count = faulted.get(operation);
    return count == null ? 0 : count.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String operation = operation(request);
    Plan plan = operation == null ? null : plans.get(operation);
    if (plan == null || plan.remaining().getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
      return delegate.prepareRequest(request);
    }
    faulted.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    return switch (plan.fault()) {
      case THROTTLE -> throttled();
      case CONNECTION_REFUSED -> refused();
      case ANSWER_LOST -> answerLost(delegate.prepareRequest(request));
    };
  }

  @Override
  public String clientName() {
    return "FaultInjector(" + delegate.clientName() + ")";
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static String operation(HttpExecuteRequest request) {
    return request
        .httpRequest()
        .firstMatchingHeader(TARGET)
        .map(target -> target.substring(target.indexOf('.') + 1))
        .orElse(null);
  }

  private static ExecutableHttpRequest throttled() {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        SdkHttpResponse response =
            SdkHttpResponse.builder()
                .statusCode(400)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(THROTTLED_BODY.length))
                .build();
        return HttpExecuteResponse.builder()
            .response(response)
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(THROTTLED_BODY)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  private static ExecutableHttpRequest answerLost(ExecutableHttpRequest applied) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        HttpExecuteResponse response = applied.call();
        if (response.responseBody().isPresent()) {
          response.responseBody().get().readAllBytes();
          response.responseBody().get().close();
        }
        throw new SocketException("Injected: connection reset after the request was applied");
      }

      @Override
      public void abort() {
        applied.abort();
      }
    };
  }

  private static ExecutableHttpRequest refused() {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws ConnectException {
        throw new ConnectException("Injected: connection refused");
      }

      @Override
      public void abort() {}
    };
  }
}
