package dev.idem.functions.relay;

/**
 * EventBridge did not accept every event of a stream record, even after the publisher's retries.
 * The record is reported as the batch's failure, so Lambda delivers it again; the events it did
 * accept go out again with the same ids, and consumers deduplicate on them.
 */
public final class PublishFailedException extends RuntimeException {

  /** Creates the exception. */
  public PublishFailedException(String message) {
    super(message);
  }
}
