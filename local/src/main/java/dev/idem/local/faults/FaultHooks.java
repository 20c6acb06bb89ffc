package dev.idem.local.faults;

import dev.idem.local.eventbridge.EventFaults;
import dev.idem.local.lambda.InstanceFaults;
import dev.idem.local.lambda.RunningInstance;
import dev.idem.local.sources.DeliveryFaults;
import dev.idem.testing.StubProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The faults injected into function instances, event source mappings, EventBridge and the HTTP
 * stubs: each hook turns its occasion into a {@link FaultTarget} and asks {@link Faults}.
 */
public final class FaultHooks implements InstanceFaults, DeliveryFaults, EventFaults {

  private final Faults faults;
  private final Function<String, Optional<RunningInstance>> instances;

  /**
   * @param instances the function instance signing with an access key id, if any
   */
  public FaultHooks(Faults faults, Function<String, Optional<RunningInstance>> instances) {
    this.faults = faults;
    this.instances = instances;
  }

  // ---------------------------------------------------------------- function instances

  @Override
  public boolean killBeforeHandler(String functionName, String requestId) {
    return fires(FaultKind.LAMBDA_KILL_BEFORE_HANDLER, function(functionName, requestId));
  }

  @Override
  public ResponseFault onResponse(String functionName, String requestId) {
    if (!faults.active()) {
      return ResponseFault.NONE;
    }
    FaultTarget target = function(functionName, requestId);
    if (fires(FaultKind.LAMBDA_KILL_AFTER_RESPONSE, target)) {
      return ResponseFault.KILL;
    }
    return fires(FaultKind.LAMBDA_HANG, target) ? ResponseFault.HANG : ResponseFault.NONE;
  }

  @Override
  public Duration initDelay(String functionName, String instanceLabel) {
    if (!faults.active()) {
      return Duration.ZERO;
    }
    return faults
        .decide(FaultKind.LAMBDA_SLOW_START, function(functionName, instanceLabel))
        .map(FaultRule::latency)
        .orElse(Duration.ZERO);
  }

  private static FaultTarget function(String functionName, String requestId) {
    return FaultTarget.builder(requestId).put("function", functionName).build();
  }

  // ---------------------------------------------------------------- event sources

  @Override
  public boolean duplicateSqsBatch(String function, String queue, List<String> messageIds) {
    return fires(FaultKind.SQS_DUPLICATE, batch(function, "queue", queue, messageIds));
  }

  @Override
  public boolean lapseVisibility(String function, String queue, List<String> messageIds) {
    return fires(FaultKind.SQS_VISIBILITY_LAPSE, batch(function, "queue", queue, messageIds));
  }

  @Override
  public boolean duplicateStreamBatch(String function, String table, List<String> eventIds) {
    return fires(FaultKind.STREAM_DUPLICATE, batch(function, "table", table, eventIds));
  }

  private static FaultTarget batch(String function, String field, String name, List<String> ids) {
    String first = ids.isEmpty() ? null : ids.get(0);
    String label = ids.size() > 1 ? first + " (+" + (ids.size() - 1) + ")" : first;
    return FaultTarget.builder(label).put("function", function).put(field, name).build();
  }

  // ---------------------------------------------------------------- EventBridge

  @Override
  public EntryFault putEntry(
      String bus, String accessKeyId, String source, String detailType, String eventId) {
    if (!faults.active()) {
      return EntryFault.NONE;
    }
    FaultTarget target =
        FaultTarget.builder(eventId)
            .put("bus", bus)
            .put(
                "function",
                instances.apply(accessKeyId).map(RunningInstance::functionName).orElse(null))
            .put("source", source)
            .put("detailType", detailType)
            .build();
    if (fires(FaultKind.PUT_EVENTS_FAILED, target)) {
      return EntryFault.FAILED;
    }
    return fires(FaultKind.PUT_EVENTS_FAILED_DELIVERED, target)
        ? EntryFault.FAILED_DELIVERED
        : EntryFault.NONE;
  }

  @Override
  public boolean duplicateDelivery(String bus, String rule, String targetArn, String eventId) {
    return fires(
        FaultKind.EVENT_DUPLICATE,
        FaultTarget.builder(eventId).put("bus", bus).put("rule", rule).build());
  }

  // ---------------------------------------------------------------- HTTP stubs

  /** The hook of one HTTP stub, named {@code stub} in rules (e.g. {@code payments}). */
  public StubProvider.Faults stub(String stub) {
    return (method, path, key) -> {
      if (!faults.active()) {
        return null;
      }
      return faults
          .decide(
              FaultKind.STUB_APPLIED_LOST,
              FaultTarget.builder(key).put("stub", stub).put("path", path).build())
          .map(rule ->
              rule.answer() == FaultRule.Answer.RESET
                  ? StubProvider.LostAnswer.reset()
                  : StubProvider.LostAnswer.late(rule.latency()))
          .orElse(null);
    };
  }

  private boolean fires(FaultKind kind, FaultTarget target) {
    return faults.active() && faults.decide(kind, target).isPresent();
  }
}
