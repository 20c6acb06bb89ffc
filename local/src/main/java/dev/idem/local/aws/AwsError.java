package dev.idem.local.aws;

/** An AWS API error to answer in the JSON error shape: status, {@code __type}, message. */
public final class AwsError extends RuntimeException {

  private final int status;
  private final String type;

  /** An error answered with {@code status} and {@code __type} {@code type}. */
  public AwsError(int status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  /** A 400 {@code ValidationException}. */
  public static AwsError validation(String message) {
    return new AwsError(400, "ValidationException", message);
  }

  /** A 400 {@code ResourceNotFoundException}. */
  public static AwsError notFound(String message) {
    return new AwsError(400, "ResourceNotFoundException", message);
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }

  /** The error's {@code __type}, e.g. {@code ValidationException}. */
  public String type() {
    return type;
  }
}
