package dev.idem.infra.constructs;

import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of an {@link OrdersApi}. Build with {@link #builder(IdempotentFunction,
 * IdempotentFunction)}.
 *
 * @param placeOrder the function behind {@code POST /orders}
 * @param getOrder the function behind {@code GET /orders/{orderId}}
 * @param stageName the stage, the first path segment of every URL
 * @param apiName the REST API's name, or null for the construct's path
 * @param throttlingRateLimit steady requests per second per method before 429
 * @param throttlingBurstLimit the burst per method before 429
 * @param accessLogGroupName the access log group's name, or null for a generated one
 * @param accessLogRetention how long access logs are kept
 */
public record OrdersApiProps(
    IdempotentFunction placeOrder,
    IdempotentFunction getOrder,
    String stageName,
    String apiName,
    double throttlingRateLimit,
    int throttlingBurstLimit,
    String accessLogGroupName,
    RetentionDays accessLogRetention) {

  public OrdersApiProps {
    Objects.requireNonNull(placeOrder, "placeOrder");
    Objects.requireNonNull(getOrder, "getOrder");
    Objects.requireNonNull(stageName, "stageName");
    Objects.requireNonNull(accessLogRetention, "accessLogRetention");
    if (throttlingRateLimit <= 0 || throttlingBurstLimit < 1) {
      throw new IllegalArgumentException(
          "Throttling limits must be positive, were rate "
              + throttlingRateLimit
              + " and burst "
              + throttlingBurstLimit);
    }
  }

  /** A builder for the API over these two functions, with every other default. */
  public static Builder builder(IdempotentFunction placeOrder, IdempotentFunction getOrder) {
    return new Builder(placeOrder, getOrder);
  }

  /** Builds {@link OrdersApiProps}. */
  public static final class Builder {
    private final IdempotentFunction placeOrder;
    private final IdempotentFunction getOrder;
    private String stageName = "dev";
    private String apiName;
    private double throttlingRateLimit = 100;
    private int throttlingBurstLimit = 200;
    private String accessLogGroupName;
    private RetentionDays accessLogRetention = RetentionDays.ONE_MONTH;

    private Builder(IdempotentFunction placeOrder, IdempotentFunction getOrder) {
      this.placeOrder = placeOrder;
      this.getOrder = getOrder;
    }

    /**
     * The stage.
     *
     * @default {@code dev}
     */
    public Builder stageName(String stageName) {
      this.stageName = stageName;
      return this;
    }

    /**
     * The REST API's name.
     *
     * @default the construct's path
     */
    public Builder apiName(String apiName) {
      this.apiName = apiName;
      return this;
    }

    /**
     * Steady requests per second each method accepts before answering 429.
     *
     * @default 100
     */
    public Builder throttlingRateLimit(double throttlingRateLimit) {
      this.throttlingRateLimit = throttlingRateLimit;
      return this;
    }

    /**
     * The request burst each method accepts before answering 429.
     *
     * @default 200
     */
    public Builder throttlingBurstLimit(int throttlingBurstLimit) {
      this.throttlingBurstLimit = throttlingBurstLimit;
      return this;
    }

    /**
     * The access log group's name.
     *
     * @default a name CloudFormation generates
     */
    public Builder accessLogGroupName(String accessLogGroupName) {
      this.accessLogGroupName = accessLogGroupName;
      return this;
    }

    /**
     * How long access logs are kept.
     *
     * @default {@link RetentionDays#ONE_MONTH}
     */
    public Builder accessLogRetention(RetentionDays accessLogRetention) {
      this.accessLogRetention = accessLogRetention;
      return this;
    }

    /** The settings. */
    public OrdersApiProps build() {
      return new OrdersApiProps(
          placeOrder,
          getOrder,
          stageName,
          apiName,
          throttlingRateLimit,
          throttlingBurstLimit,
          accessLogGroupName,
          accessLogRetention);
    }
  }
}
