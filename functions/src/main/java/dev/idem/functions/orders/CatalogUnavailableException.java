package dev.idem.functions.orders;

/** The catalog could not be read in time; nothing was written, and a retry is safe. */
public final class CatalogUnavailableException extends RuntimeException {

  /** Creates the exception. */
  public CatalogUnavailableException(String message) {
    super(message);
  }
}
