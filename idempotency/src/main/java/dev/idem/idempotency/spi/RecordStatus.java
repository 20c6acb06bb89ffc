package dev.idem.idempotency.spi;

/** The life of a record: claimed and running, or done with a stored response. */
public enum RecordStatus {
  /** A holder has claimed the key and is running the work under a lease. */
  IN_PROGRESS("INPROGRESS"),
  /** The work finished; the record holds its response until the record expires. */
  COMPLETED("COMPLETED");

  private final String wireValue;

  RecordStatus(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The value stored in the status attribute, shared with existing idempotency tables. */
  public String wireValue() {
    return wireValue;
  }

  /**
   * The status stored as {@code value}.
   *
   * @throws IllegalArgumentException for a value this library does not write
   */
  public static RecordStatus fromWireValue(String value) {
    for (RecordStatus status : values()) {
      if (status.wireValue.equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("Unknown idempotency record status: " + value);
  }
}
