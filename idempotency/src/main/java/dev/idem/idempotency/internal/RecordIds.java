package dev.idem.idempotency.internal;

import dev.idem.idempotency.InvalidIdempotencyKeyException;

/**
 * Turns a client's key into a record id: {@code prefix#sha256(caller, key)}. Hashing makes the id
 * fixed-length and unambiguous (a caller and key can never be spliced into another pair), and keeps
 * raw keys, which clients may fill with personal data, out of the table and the logs.
 */
public final class RecordIds {

  /** The longest key accepted, in characters. */
  public static final int MAX_KEY_LENGTH = 255;

  private RecordIds() {}

  /**
   * The record id for {@code key} from {@code caller} (null when unknown) under {@code prefix}.
   *
   * @throws InvalidIdempotencyKeyException if the key is null, empty, too long or not printable
   *     ASCII
   */
  public static String of(String prefix, String caller, String key) {
    validate(key);
    String scoped = caller == null ? "-" : "c" + caller.length() + ":" + caller;
    return prefix + "#" + Fingerprints.sha256Hex(scoped + "|" + key);
  }

  /** A short hash of a record id that logs and metrics may carry. */
  public static String hash(String recordId) {
    return recordId.substring(recordId.indexOf('#') + 1, recordId.indexOf('#') + 17);
  }

  static void validate(String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidIdempotencyKeyException(
          "An idempotency key is required; send a unique key per operation");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new InvalidIdempotencyKeyException(
          "The idempotency key has " + key.length() + " characters; at most " + MAX_KEY_LENGTH);
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new InvalidIdempotencyKeyException(
            "The idempotency key may hold only printable ASCII characters (for example a UUID)");
      }
    }
  }
}
