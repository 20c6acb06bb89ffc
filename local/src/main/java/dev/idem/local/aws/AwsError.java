package dev.idem.local.aws;

/** An AWS API error to answer in the JSON error shape: status, {@code __type}, message. */
final class AwsError extends RuntimeException {

  private final int status;
  private final String type;

  AwsError(int status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  static AwsError validation(String message) {
    return new AwsError(400, "ValidationException", message);
  }

  static AwsError notFound(String message) {
    return new AwsError(400, "ResourceNotFoundException", message);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
