package dev.idem.events;

/** The EventBridge {@code Source} of each bounded context that publishes events. */
public final class Sources {

  /** Orders: placement, fulfilment and cancellation. */
  public static final String ORDERS = "idem.orders";

  /** Payments: capture and its failure. */
  public static final String PAYMENTS = "idem.payments";

  /** Inventory: reservation and its rejection. */
  public static final String INVENTORY = "idem.inventory";

  private Sources() {}
}
