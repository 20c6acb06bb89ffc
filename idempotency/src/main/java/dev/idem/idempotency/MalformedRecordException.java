package dev.idem.idempotency;

/**
 * A stored record cannot be read: an attribute is missing or has the wrong type or value, as when
 * an item was edited by hand or another tool writes to the table with another layout. The message
 * names the record's key, the attribute and what it must hold. Nothing was written; fix or delete
 * the item (or give the store the table's real layout with {@code IdempotencyTableSchema}).
 */
public final class MalformedRecordException extends IdempotencyException {

  /** Creates the exception with a message that says which attribute of which key to fix. */
  public MalformedRecordException(String message) {
    super(message, null);
  }
}
