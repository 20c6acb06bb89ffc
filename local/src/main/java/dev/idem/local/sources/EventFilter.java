package dev.idem.local.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * Lambda's event filtering ({@code FilterCriteria}): a record is handed to the function when it
 * matches at least one of the mapping's patterns, matched with AWS's event-ruler as Lambda does
 * (the same syntax as EventBridge patterns). Records that match none are dropped as if processed:
 * an SQS message is deleted, a stream record is skipped. No pattern: everything passes.
 * Thread-safe.
 *
 * {@snippet :
 * EventFilter paid = EventFilter.of(List.of("{\"body\":{\"status\":[\"PAID\"]}}"));
 * paid.matches(recordJson);
 * }
 */
public final class EventFilter {

  /** The filter without patterns: every record passes. */
  public static final EventFilter NONE = new EventFilter(null);

  private final Machine machine;

  private EventFilter(Machine machine) {
    this.machine = machine;
  }

  /**
   * A filter of these patterns (each event-ruler JSON).
   *
   * @throws IllegalArgumentException naming the pattern that is not one
   */
  public static EventFilter of(List<String> patterns) {
    if (patterns.isEmpty()) {
      return NONE;
    }
    Machine machine = new Machine();
    for (int i = 0; i < patterns.size(); i++) {
      try {
        machine.addRule("filter-" + i, patterns.get(i));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "FilterCriteria pattern " + patterns.get(i) + " is not valid: " + e.getMessage(), e);
      }
    }
    return new EventFilter(machine);
  }

  /** Whether the filter lets everything pass. */
  public boolean isEmpty() {
    return machine == null;
  }

  /** Whether the record (as the function's event would hold it) passes. */
  public boolean matches(JsonNode record) {
    return machine == null || !machine.rulesForJSONEvent(record).isEmpty();
  }
}
