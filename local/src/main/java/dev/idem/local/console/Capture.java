package dev.idem.local.console;

import dev.idem.local.edge.EdgeInterceptor;
import dev.idem.local.eventbridge.EventTrace;
import dev.idem.local.faults.FaultLog;
import dev.idem.local.http.HttpService;
import dev.idem.local.lambda.RunningInstance;
import dev.idem.testing.StubProvider;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the console captures for its flows, each kind in a {@link Ring} of the console's
 * capacity: invocations, the AWS calls that change something, API requests, EventBridge matches and
 * deliveries, and stub requests; plus the fault log, read where it is kept. Made only when the
 * console is on ({@code --console-capacity} above 0): with the console off nothing is wired.
 */
public final class Capture {

  private final InvocationLog invocations;
  private final CallLog calls;
  private final ApiLog api;
  private final EventLog events;
  private final StubLog stubs;
  private final Supplier<List<FaultLog.Entry>> faults;

  /**
   * @param capacity how many of each kind are kept
   * @param instances the function instance signing with an access key id, if any
   * @param faults the injected faults still kept
   */
  public Capture(
      int capacity,
      Clock clock,
      Function<String, Optional<RunningInstance>> instances,
      Supplier<List<FaultLog.Entry>> faults) {
    this.invocations = new InvocationLog(capacity, clock);
    this.calls = new CallLog(capacity, clock, instances);
    this.api = new ApiLog(capacity, clock);
    this.events = new EventLog(capacity, clock);
    this.stubs = new StubLog(capacity, clock);
    this.faults = faults;
  }

  /** The invocations: listen with it ({@code LambdaRuntime.onInvocation}). */
  public InvocationLog invocations() {
    return invocations;
  }

  /** Keeps the AWS calls that change something: wrap it around the fault injector. */
  public EdgeInterceptor edge() {
    return calls;
  }

  /** {@code service} (the API port's), keeping each request it answers. */
  public HttpService api(HttpService service) {
    return api.around(service);
  }

  /** Keeps EventBridge's matches and deliveries. */
  public EventTrace events() {
    return events;
  }

  /** Keeps one request a stub answered. */
  public void stub(String stub, StubProvider.Exchange exchange) {
    stubs.heard(stub, exchange);
  }

  CallLog calls() {
    return calls;
  }

  ApiLog apiLog() {
    return api;
  }

  EventLog eventLog() {
    return events;
  }

  StubLog stubLog() {
    return stubs;
  }

  List<FaultLog.Entry> faults() {
    return faults.get();
  }
}
