package dev.idem.local.aws;

import java.util.Optional;

/** The AWS services the edge routes, by the signing name in a request's SigV4 credential scope. */
public enum AwsService {
  /** DynamoDB and DynamoDB Streams (both sign as {@code dynamodb}). */
  DYNAMODB("dynamodb"),
  /** SQS, JSON and query protocols. */
  SQS("sqs"),
  /** EventBridge (signs as {@code events}). */
  EVENTS("events"),
  /** Lambda's Invoke API. */
  LAMBDA("lambda");

  private final String signingName;

  AwsService(String signingName) {
    this.signingName = signingName;
  }

  /** The service name in the SigV4 credential scope, e.g. {@code dynamodb}. */
  public String signingName() {
    return signingName;
  }

  /** The service with this signing name. */
  public static Optional<AwsService> bySigningName(String name) {
    for (AwsService service : values()) {
      if (service.signingName.equals(name)) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }
}
