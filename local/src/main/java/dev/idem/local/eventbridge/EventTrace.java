package dev.idem.local.eventbridge;

/**
 * Hears what becomes of each event a bus routes: every rule match and every attempt to deliver it,
 * so that the console can show an event's way from PutEvents to its targets. Called on the bus's
 * delivery threads; it must be quick and not block.
 */
@FunctionalInterface
public interface EventTrace {

  /** Hears nothing. */
  EventTrace NONE = step -> {};

  /** What happened. */
  enum Kind {
    /** A rule matched the event (one step per target). */
    MATCHED,
    /** The target took the event. */
    DELIVERED,
    /** The target refused it; a retry is scheduled. */
    RETRYING,
    /** Given up: sent to the target's dead-letter queue. */
    DEAD_LETTERED,
    /** Given up with no dead-letter queue to take it: lost. */
    LOST
  }

  /**
   * One step of one event.
   *
   * @param kind what happened
   * @param bus the bus's name
   * @param rule the rule's name
   * @param target the target's ARN
   * @param eventId the event's id
   * @param attempt which delivery attempt, from 1 (0 for MATCHED)
   * @param duplicate whether this delivery is a second one a fault injected
   * @param error why the attempt failed, or null
   */
  record Step(
      Kind kind,
      String bus,
      String rule,
      String target,
      String eventId,
      int attempt,
      boolean duplicate,
      String error) {}

  /** One step. */
  void step(Step step);
}
