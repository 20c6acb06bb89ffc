package dev.idem.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The assembly of flows from planted hops: what joins a flow, and what must not. */
class FlowTest {

  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
  private static final String CUSTOMER = "c0ffee00-0000-4000-8000-000000000001";
  private static final String ORDER_A = "aaaaaaaa-0000-4000-8000-00000000000a";
  private static final String ORDER_B = "bbbbbbbb-0000-4000-8000-00000000000b";

  private final List<Flow.Hop<String>> hops = new ArrayList<>();
  private int clock;

  /** Two orders of one customer, placed, relayed in one batch, delivered and consumed. */
  private void twoOrdersOfOneCustomer() {
    for (String order : List.of(ORDER_A, ORDER_B)) {
      String tag = order.substring(0, 1);
      hop(
          "api " + tag,
          "POST /orders {\"customerId\":\"" + CUSTOMER + "\"} {\"orderId\":\"" + order + "\"}",
          Set.of("apigw-" + tag),
          Set.of(),
          List.of(),
          Set.of(order),
          false);
      hop(
          "PlaceOrder " + tag,
          "{\"customerId\":\"" + CUSTOMER + "\"} {\"orderId\":\"" + order + "\"}",
          Set.of("lambda-place-" + tag),
          Set.of("apigw-" + tag),
          List.of(),
          Set.of(),
          false);
      hop(
          "PutItem orders " + tag,
          "{\"orderId\":{\"S\":\"" + order + "\"},\"customerId\":{\"S\":\"" + CUSTOMER + "\"}}",
          Set.of(),
          Set.of("lambda-place-" + tag),
          List.of(),
          Set.of(),
          false);
    }
    hop(
        "Relay batch",
        "{\"NewImage\":\"" + ORDER_A + "\"} {\"NewImage\":\"" + ORDER_B + "\"}",
        Set.of("lambda-relay"),
        Set.of(),
        List.of(
            new Flow.Part("{\"NewImage\":\"" + ORDER_A + "\"}", Set.of("stream-a")),
            new Flow.Part("{\"NewImage\":\"" + ORDER_B + "\"}", Set.of("stream-b"))),
        Set.of(),
        false);
    hop(
        "PutEvents",
        "{\"Detail\":\"" + ORDER_A + "\"} {\"Detail\":\"" + ORDER_B + "\"}",
        Set.of(),
        Set.of("lambda-relay"),
        List.of(
            new Flow.Part("{\"Detail\":\"" + ORDER_A + "\"}", Set.of("event-a")),
            new Flow.Part("{\"Detail\":\"" + ORDER_B + "\"}", Set.of("event-b"))),
        Set.of(),
        false);
    hop(
        "fault on the relay",
        "service=events",
        Set.of(),
        Set.of("lambda-relay"),
        List.of(),
        Set.of(),
        true);
    for (String tag : List.of("a", "b")) {
      hop(
          "match " + tag,
          "event-" + tag,
          Set.of(),
          Set.of("event-" + tag),
          List.of(),
          Set.of(),
          false);
      hop(
          "delivery " + tag,
          "event-" + tag,
          Set.of(),
          Set.of("event-" + tag),
          List.of(),
          Set.of(),
          false);
      // The message names only its event: it joins by the event id, not by the order id.
      hop(
          "Payments " + tag,
          "{\"body\":{\"id\":\"event-" + tag + "\"}}",
          Set.of("lambda-pay-" + tag),
          Set.of(),
          List.of(new Flow.Part("message", Set.of("message-" + tag, "event-" + tag))),
          Set.of(),
          false);
      hop(
          "fault on Payments " + tag,
          "service=dynamodb operation=UpdateItem",
          Set.of(),
          Set.of("lambda-pay-" + tag),
          List.of(),
          Set.of(),
          true);
      hop(
          "Payments " + tag + " redelivered",
          "{\"receiveCount\":2}",
          Set.of("lambda-pay-" + tag + "-2"),
          Set.of(),
          List.of(new Flow.Part("message", Set.of("message-" + tag))),
          Set.of(),
          false);
    }
  }

  @Test
  void of_twoOrdersOfOneCustomer_stayApart() {
    twoOrdersOfOneCustomer();

    List<String> a = names(Flow.of(ORDER_A, hops));
    List<String> b = names(Flow.of(ORDER_B, hops));

    assertThat(a)
        .containsExactly(
            "api a",
            "PlaceOrder a",
            "PutItem orders a",
            "Relay batch",
            "PutEvents",
            "fault on the relay",
            "match a",
            "delivery a",
            "Payments a",
            "fault on Payments a",
            "Payments a redelivered");
    assertThat(b).noneMatch(name -> name.endsWith(" a") || name.contains(" a "));
    assertThat(b).contains("api b", "delivery b", "Payments b redelivered");
  }

  @Test
  void of_aRequestId_findsItsOrdersWholeFlow() {
    twoOrdersOfOneCustomer();

    assertThat(names(Flow.of("apigw-a", hops))).isEqualTo(names(Flow.of(ORDER_A, hops)));
  }

  @Test
  void of_aRedeliveredMessage_joinsItsFlowByItsMessageId() {
    twoOrdersOfOneCustomer();

    assertThat(names(Flow.of("event-b", hops)))
        .containsExactly(
            "PutEvents",
            "fault on the relay",
            "match b",
            "delivery b",
            "Payments b",
            "fault on Payments b",
            "Payments b redelivered");
  }

  @Test
  void of_theCustomerId_joinsBothOrders() {
    twoOrdersOfOneCustomer();

    assertThat(names(Flow.of(CUSTOMER, hops))).contains("Payments a", "Payments b");
  }

  @Test
  void of_nothingNamesTheId_empty() {
    twoOrdersOfOneCustomer();

    assertThat(Flow.of("nobody", hops).hops()).isEmpty();
  }

  @Test
  void of_moreHopsThanTheCap_keepsTheFirstByTimeAndSaysSo() {
    for (int i = 0; i < Flow.MAX_HOPS + 100; i++) {
      hop("h" + i, "names " + ORDER_A, Set.of(), Set.of(), List.of(), Set.of(), false);
    }
    java.util.Collections.reverse(hops);

    Flow.Result<String> flow = Flow.of(ORDER_A, hops);

    assertThat(flow.cut()).isTrue();
    assertThat(flow.matched()).isEqualTo(Flow.MAX_HOPS + 100);
    assertThat(flow.hops()).hasSize(Flow.MAX_HOPS);
    assertThat(flow.hops().getFirst().value()).isEqualTo("h0");
    assertThat(flow.offset(flow.hops().get(10))).isEqualTo(Duration.ofMillis(10));
  }

  private void hop(
      String name,
      String text,
      Set<String> links,
      Set<String> refs,
      List<Flow.Part> parts,
      Set<String> creates,
      boolean leaf) {
    hops.add(
        new Flow.Hop<>(
            T0.plusMillis(clock++), new Flow.Links(text, links, refs, parts, creates, leaf), name));
  }

  private static List<String> names(Flow.Result<String> flow) {
    return flow.hops().stream().map(Flow.Hop::value).toList();
  }
}
