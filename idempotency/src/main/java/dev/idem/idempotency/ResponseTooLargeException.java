package dev.idem.idempotency;

/**
 * The response, even compressed, does not fit in one store record. Nothing was written and the key
 * was released. Store large results elsewhere (for example S3) and return a reference to them.
 */
public final class ResponseTooLargeException extends IdempotencyException {

  /** Creates the exception with the encoded size and the limit, both in bytes. */
  public ResponseTooLargeException(long encodedBytes, long maxBytes) {
    super(
        "The response takes "
            + encodedBytes
            + " bytes after compression, more than the "
            + maxBytes
            + " bytes a record holds; return a reference to large results instead",
        null);
  }
}
