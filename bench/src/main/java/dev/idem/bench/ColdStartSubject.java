package dev.idem.bench;

import dev.idem.local.lambda.FunctionDefinition;
import dev.idem.local.template.FunctionSpec;
import java.util.List;

/**
 * One function of template.yaml whose cold start is measured, its sample event, and its bare twin.
 *
 * @param function the function's logical id (its name: the template sets no FunctionName)
 * @param sample the sample event's name in {@code events/samples/}
 * @param twin the bare handler it is compared with
 */
record ColdStartSubject(String function, String sample, BareTwin twin) {

  /**
   * The six functions, in the order a round runs them: the order PlaceOrder creates is the one the
   * others' events are about.
   */
  static final List<ColdStartSubject> ALL =
      List.of(
          new ColdStartSubject("PlaceOrderFunction", "place-order", BareTwin.CATALOG_READ),
          new ColdStartSubject("GetOrderFunction", "get-order", BareTwin.ORDER_READ),
          new ColdStartSubject(
              "OrderEventsRelayFunction", "order-events-relay", BareTwin.STREAM_CLAIM),
          new ColdStartSubject("ReserveInventoryFunction", "reserve-inventory", BareTwin.SQS_CLAIM),
          new ColdStartSubject("CapturePaymentFunction", "capture-payment", BareTwin.SQS_CLAIM),
          new ColdStartSubject("NotifyCustomerFunction", "notify-customer", BareTwin.SQS_CLAIM));

  /** The function as template.yaml defines it. */
  static FunctionDefinition definition(FunctionSpec spec) {
    return new FunctionDefinition(
        spec.name(),
        spec.handler(),
        spec.runtime(),
        dev.idem.local.code.CodeLayouts.standard().function(spec.codeUri()),
        spec.memorySize(),
        spec.timeout(),
        spec.environment(),
        spec.reservedConcurrency() == null
            ? FunctionDefinition.DEFAULT_CONCURRENCY_LIMIT
            : spec.reservedConcurrency(),
        java.util.Set.of(),
        0);
  }
}
