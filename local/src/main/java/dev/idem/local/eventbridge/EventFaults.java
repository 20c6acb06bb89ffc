package dev.idem.local.eventbridge;

/** Where the fault injector reaches into the EventBridge service; the defaults inject nothing. */
public interface EventFaults {

  /** No faults. */
  EventFaults NONE = new EventFaults() {};

  /** What happens to one accepted PutEvents entry. */
  enum EntryFault {
    /** It is delivered and reported as put. */
    NONE,
    /** It is reported failed ({@code InternalFailure}) and not delivered. */
    FAILED,
    /** It is reported failed ({@code InternalFailure}) although it is delivered. */
    FAILED_DELIVERED
  }

  /**
   * The fate of one PutEvents entry.
   *
   * @param bus the bus's name
   * @param accessKeyId the caller's access key id (which tells a function instance), or null
   * @param source the entry's {@code Source}
   * @param detailType the entry's {@code DetailType}
   * @param eventId the id the event gets
   */
  default EntryFault putEntry(
      String bus, String accessKeyId, String source, String detailType, String eventId) {
    return EntryFault.NONE;
  }

  /** True to deliver this matched event to this rule's target twice. */
  default boolean duplicateDelivery(String bus, String rule, String targetArn, String eventId) {
    return false;
  }
}
