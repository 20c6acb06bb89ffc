package dev.idem.idempotency.spi;

/** The life of a record: claimed and running, or done with a stored response. */
public enum RecordStatus {
  /** A holder has claimed the key and is running the work under a lease. */
  IN_PROGRESS,
  /** The work finished; the record holds its response until the record expires. */
  COMPLETED
}
