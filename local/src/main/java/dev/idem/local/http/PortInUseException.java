package dev.idem.local.http;

/** A port the local cloud needs is taken, usually by another local cloud already running. */
public final class PortInUseException extends RuntimeException {

  /** Creates the exception for {@code endpoint} on {@code port}. */
  public PortInUseException(String endpoint, int port, Throwable cause) {
    super(
        "Port "
            + port
            + " ("
            + endpoint
            + ") is already in use: stop the other process, or choose another port",
        cause);
  }
}
