package dev.idem.events;

/**
 * JSON that is not a valid event: malformed, of an unknown detail type, from the wrong source, or
 * missing a required field. The message says which and where. A consumer should not retry such a
 * message: it will never read; send it to a dead-letter queue.
 */
public final class EventFormatException extends RuntimeException {

  EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  EventFormatException(String message) {
    super(message);
  }
}
