package dev.idem.idempotency;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a transactional call came to: the work's result, committed or replayed, or a business
 * rejection by the condition of one of the work's own writes. Match on it:
 *
 * {@snippet :
 * switch (idempotency.executeInSingleTransaction(request, Reservation.class, this::reserve)) {
 *   case Outcome.Done<Reservation>(Reservation reservation, boolean replayed) -> confirm(reservation);
 *   case Outcome.Rejected<Reservation> rejected -> refuse(rejected.writeIndex(), rejected.item());
 * }
 * }
 *
 * @param <T> the result type
 */
public sealed interface Outcome<T> {

  /**
   * The work's result: its writes and the record were committed together, or an earlier call with
   * the same key had committed them and this is its stored result.
   *
   * @param value the result, as the work returned it or as it was stored
   * @param replayed true when the result is an earlier call's, read back from the record: this call
   *     committed nothing, so effects that must happen once per commit (a metric, a log line)
   *     belong to calls where it is false
   */
  record Done<T>(T value, boolean replayed) implements Outcome<T> {

    /** The result of this very call: its writes were committed (or none were needed). */
    public Done(T value) {
      this(value, false);
    }
  }

  /**
   * The condition of one of the work's own writes failed, so the transaction was cancelled: neither
   * the work's writes nor the idempotency record were written, and the key is free. A retry with
   * the same key runs the work again.
   *
   * @param writeIndex position of the failed write among the writes the work added, from 0
   * @param item the item as it was when the condition failed (when the write asked for it with
   *     {@code ReturnValuesOnConditionCheckFailure.ALL_OLD}); empty otherwise, or if it did not
   *     exist
   */
  record Rejected<T>(int writeIndex, Map<String, AttributeValue> item) implements Outcome<T> {

    /** Copies the item. */
    public Rejected {
      item = item == null ? Map.of() : Map.copyOf(item);
    }

    @Override
    public String toString() {
      // The item may hold personal data: name the write only.
      return "Rejected[writeIndex=" + writeIndex + "]";
    }
  }
}
