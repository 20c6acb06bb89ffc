package dev.idem.local.faults;

import dev.idem.local.aws.AwsCall;
import dev.idem.local.aws.AwsErrors;
import dev.idem.local.aws.AwsService;
import dev.idem.local.edge.EdgeInterceptor;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.RunningInstance;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The faults injected into AWS calls at the edge, in this order: LocalStack's latency effect and
 * rules, then Idem's {@code aws-error} (refused before the backend), {@code aws-latency}; then,
 * once the call has reached the backend and taken effect, {@code lambda-kill-after-call} and {@code
 * lambda-hang} for a call made by a function instance (told by the access key it signs with), and
 * {@code aws-applied-lost}.
 */
public final class EdgeFaults implements EdgeInterceptor {

  /** How long a hung call waits for its invocation to end, at most (Lambda's longest timeout). */
  static final Duration LONGEST_HANG = Duration.ofMinutes(15);

  private final Faults faults;
  private final Function<String, Optional<RunningInstance>> instances;

  /**
   * @param instances the function instance signing with an access key id, if any
   */
  public EdgeFaults(Faults faults, Function<String, Optional<RunningInstance>> instances) {
    this.faults = faults;
    this.instances = instances;
  }

  @Override
  public Response around(Request request, AwsService service, Forward next) throws Exception {
    if (!faults.active()) {
      return next.send();
    }
    AwsCall call = AwsCall.of(request, service);
    Optional<RunningInstance> caller = instances.apply(call.accessKeyId());
    String requestId = caller.map(RunningInstance::requestId).orElse(null);
    FaultTarget target = target(call, caller, requestId, 0);
    pause(faults.latency());
    Optional<FaultRule.ErrorSpec> refused =
        faults
            .decideChaos(target)
            .or(() -> faults.decide(FaultKind.AWS_ERROR, target).map(FaultRule::errorOrDefault));
    if (refused.isPresent()) {
      return error(request, call, refused.get());
    }
    faults.decide(FaultKind.AWS_LATENCY, target).ifPresent(rule -> pause(rule.latency()));
    return afterBackend(request, call, caller, target, next);
  }

  private Response afterBackend(
      Request request,
      AwsCall call,
      Optional<RunningInstance> caller,
      FaultTarget target,
      Forward next)
      throws Exception {
    int number = caller.map(RunningInstance::countCall).orElse(0);
    FaultTarget nth = number == 0 ? null : target(call, caller, target.requestId(), number);
    boolean kill = nth != null && faults.decide(FaultKind.LAMBDA_KILL_AFTER_CALL, nth).isPresent();
    boolean hang = !kill && nth != null && faults.decide(FaultKind.LAMBDA_HANG, nth).isPresent();
    Optional<FaultRule> lost =
        kill || hang ? Optional.empty() : faults.decide(FaultKind.AWS_APPLIED_LOST, target);
    Response response = next.send();
    if (kill) {
      caller.orElseThrow().kill();
      return Response.dropConnection();
    }
    if (hang) {
      caller.orElseThrow().awaitInvocationEnd(LONGEST_HANG);
      return Response.dropConnection();
    }
    if (lost.isPresent()) {
      FaultRule rule = lost.get();
      return rule.answer() == FaultRule.Answer.RESET
          ? Response.dropConnection()
          : error(request, call, rule.errorOrDefault());
    }
    return response;
  }

  private static FaultTarget target(
      AwsCall call, Optional<RunningInstance> caller, String requestId, int number) {
    FaultTarget.Builder builder =
        FaultTarget.builder(requestId)
            .put("service", call.service())
            .put("operation", call.operation())
            .put("region", call.region())
            .put("function", caller.map(RunningInstance::functionName).orElse(null))
            .putAll("table", call.tables())
            .put("queue", call.queue())
            .putAll("bus", call.bus());
    if (number > 0) {
      builder.put("call", Integer.toString(number));
    }
    return builder.build();
  }

  private static Response error(Request request, AwsCall call, FaultRule.ErrorSpec error) {
    String message =
        error.message() != null
            ? error.message()
            : "Fault injected by the local cloud: "
                + call.service()
                + " "
                + (call.operation() == null ? "call" : call.operation())
                + " answered "
                + error.code();
    return AwsErrors.of(request, call, error.statusCode(), error.code(), message);
  }

  private static void pause(Duration delay) {
    if (delay == null || !delay.isPositive()) {
      return;
    }
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
