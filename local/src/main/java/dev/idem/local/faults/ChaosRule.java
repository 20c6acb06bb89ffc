package dev.idem.local.faults;

import java.util.Objects;

/**
 * A LocalStack Chaos API rule ({@code /_localstack/chaos/faults}): an AWS call of this service,
 * region and operation (a missing field matches everything) is refused, with this probability
 * (default 1), with this error (default 503 {@code ServiceUnavailable}) before it reaches the
 * backend. Kept as it was posted, so a {@code DELETE} with the same JSON removes it.
 *
 * @param service the signing name ({@code dynamodb}, {@code dynamodbstreams}, {@code sqs}, {@code
 *     events}, {@code lambda}), or null
 * @param region e.g. {@code us-east-1}, or null
 * @param operation e.g. {@code PutItem}, or null
 * @param probability 0 to 1, or null for 1
 * @param error the error, or null for 503 {@code ServiceUnavailable}
 */
public record ChaosRule(
    String service,
    String region,
    String operation,
    Double probability,
    FaultRule.ErrorSpec error) {

  /** Checks the probability. */
  public ChaosRule {
    if (probability != null && !(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be between 0 and 1");
    }
  }

  /** Whether a call with these fields is one this rule strikes (before the draw). */
  boolean matches(FaultTarget target) {
    return field(service, "service", target)
        && field(region, "region", target)
        && field(operation, "operation", target);
  }

  double chance() {
    return probability == null ? 1 : probability;
  }

  FaultRule.ErrorSpec errorOrDefault() {
    return error == null ? FaultRule.ErrorSpec.SERVICE_UNAVAILABLE : error;
  }

  private static boolean field(String wanted, String name, FaultTarget target) {
    return wanted == null || Objects.equals(wanted, target.get(name));
  }
}
