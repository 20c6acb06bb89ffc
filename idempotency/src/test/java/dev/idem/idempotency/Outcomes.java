package dev.idem.idempotency;

/** Test helper: the value of an {@link Outcome.Done}, failing the test on a rejection. */
public final class Outcomes {

  private Outcomes() {}

  /** The value of a {@link Outcome.Done}; a rejection fails the test. */
  public static <T> T done(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Done<T>(T value, boolean replayed)) {
      return value;
    }
    throw new AssertionError("Expected a result, got " + outcome);
  }

  /** The {@link Outcome.Rejected}; a result fails the test. */
  public static <T> Outcome.Rejected<T> rejected(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Rejected<T> rejected) {
      return rejected;
    }
    throw new AssertionError("Expected a rejection, got " + outcome);
  }
}
