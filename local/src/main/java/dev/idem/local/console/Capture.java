package dev.idem.local.console;

import dev.idem.local.edge.EdgeInterceptor;
import dev.idem.local.eventbridge.EventTrace;
import dev.idem.local.faults.FaultLog;
import dev.idem.local.http.HttpService;
import dev.idem.local.lambda.InvocationListener;
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
 *
 * <p>While the cloud runs the capture may be paused ({@link #capturing(boolean)}): every hook it
 * wired then passes straight through after one volatile read, and no invocation's log lines are
 * read for it, as if the console were off. The {@code local-flow} bench uses it to measure the
 * capture's cost in rounds on one cloud, so that two clouds' own differences do not pass for it.
 */
public final class Capture {

  private final InvocationLog invocations;
  private final CallLog calls;
  private final ApiLog api;
  private final EventLog events;
  private final StubLog stubs;
  private final Supplier<List<FaultLog.Entry>> faults;
  private volatile boolean on = true;

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

  /** Turns the capture on or off while the cloud runs; it starts on. */
  public void capturing(boolean value) {
    on = value;
  }

  /** Whether the capture is on. */
  public boolean capturing() {
    return on;
  }

  /** The invocations kept (for the console's pages). */
  public InvocationLog invocations() {
    return invocations;
  }

  /** Keeps each invocation while capturing: listen with it ({@code LambdaRuntime.onInvocation}). */
  public InvocationListener listener() {
    return new InvocationListener() {
      @Override
      public void invoked(Call call) {
        if (on) {
          invocations.invoked(call);
        }
      }

      @Override
      public boolean wantsLog() {
        return on;
      }
    };
  }

  /** Keeps the AWS calls that change something, while capturing: wrap it around the faults. */
  public EdgeInterceptor edge() {
    return (request, service, next) -> on ? calls.around(request, service, next) : next.send();
  }

  /** {@code service} (the API port's), keeping each request it answers while capturing. */
  public HttpService api(HttpService service) {
    HttpService kept = api.around(service);
    return request -> on ? kept.handle(request) : service.handle(request);
  }

  /** Keeps EventBridge's matches and deliveries while capturing. */
  public EventTrace events() {
    return step -> {
      if (on) {
        events.step(step);
      }
    };
  }

  /** Keeps one request a stub answered, while capturing. */
  public void stub(String stub, StubProvider.Exchange exchange) {
    if (on) {
      stubs.heard(stub, exchange);
    }
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
