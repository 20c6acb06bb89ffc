package dev.idem.events.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * An EventBridge client that records every PutEvents call and answers from a script, one step per
 * call; when the script is empty it accepts every entry.
 */
final class FakeEventBridgeClient implements EventBridgeClient {

  final List<List<PutEventsRequestEntry>> calls = new ArrayList<>();
  private final Deque<Function<List<PutEventsRequestEntry>, PutEventsResponse>> script =
      new ArrayDeque<>();

  /** The next call refuses the entries at the given positions with the given error codes. */
  FakeEventBridgeClient thenFail(Map<Integer, String> codesByPosition) {
    script.add(entries -> respond(entries.size(), codesByPosition));
    return this;
  }

  /** The next call throws {@code exception}. */
  FakeEventBridgeClient thenThrow(RuntimeException exception) {
    script.add(entries -> {
      throw exception;
    });
    return this;
  }

  @Override
  public PutEventsResponse putEvents(PutEventsRequest request) {
    calls.add(request.entries());
    Function<List<PutEventsRequestEntry>, PutEventsResponse> step = script.poll();
    return step != null
        ? step.apply(request.entries())
        : respond(request.entries().size(), Map.of());
  }

  private static PutEventsResponse respond(int size, Map<Integer, String> codesByPosition) {
    List<PutEventsResultEntry> results = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String code = codesByPosition.get(i);
      results.add(
          code == null
              ? PutEventsResultEntry.builder().eventId("eb-" + i).build()
              : PutEventsResultEntry.builder()
                  .errorCode(code)
                  .errorMessage(code + " #" + i)
                  .build());
    }
    return PutEventsResponse.builder()
        .failedEntryCount(codesByPosition.size())
        .entries(results)
        .build();
  }

  @Override
  public String serviceName() {
    return "events";
  }

  @Override
  public void close() {}
}
