package dev.idem.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A batch whose payload was cut at the kept size (a relay invocation of 25 stream records is about
 * 40 KB, kept as 16 KB) is still a batch: its records are read from the cut text, so that its own
 * request id does not pull every order it relayed into one order's flow.
 */
class CutBatchFlowTest {

  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
  private static final String ORDER_A = "aaaaaaaa-0000-4000-8000-00000000000a";
  private static final String ORDER_B = "bbbbbbbb-0000-4000-8000-00000000000b";
  private static final String PAD = "x".repeat(12_000);

  /** A stream batch of two orders, as the relay gets it, and cut as the console keeps it. */
  private static String cutStreamBatch() {
    StringBuilder json = new StringBuilder("{\"Records\":[");
    for (String order : List.of(ORDER_A, ORDER_B)) {
      if (order.equals(ORDER_B)) {
        json.append(',');
      }
      json.append("{\"eventID\":\"stream-")
          .append(order.charAt(0))
          .append("\",\"eventName\":\"INSERT\",\"dynamodb\":{\"NewImage\":{\"orderId\":{\"S\":\"")
          .append(order)
          .append("\"},\"note\":{\"S\":\"")
          .append(PAD)
          .append("\"}}}}");
    }
    return Texts.keep(json.append("]}").toString());
  }

  @Test
  void records_streamBatchCutAtTheKeptSize_stillItsRecordsEachWithItsId() {
    String cut = cutStreamBatch();
    assertThat(cut).endsWith(Texts.CUT);

    List<Flow.Part> parts = FlowHops.records(cut);

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).links()).containsExactly("stream-a");
    assertThat(parts.get(0).names(ORDER_A)).isTrue();
    assertThat(parts.get(0).names(ORDER_B)).isFalse();
    assertThat(parts.get(1).links()).containsExactly("stream-b");
    assertThat(parts.get(1).names(ORDER_B)).isTrue();
  }

  @Test
  void records_sqsBatchCut_eachMessagesIdAndItsEventsId() {
    String body =
        "{\\\"version\\\":\\\"0\\\",\\\"id\\\":\\\"event-%s\\\",\\\"detail\\\":\\\"%s\\\"}";
    String json =
        "{\"Records\":[{\"messageId\":\"message-a\",\"body\":\""
            + body.formatted("a", PAD)
            + "\"},{\"messageId\":\"message-b\",\"body\":\""
            + body.formatted("b", PAD)
            + "\"}]}";

    String cut = Texts.keep(json);
    assertThat(cut).endsWith(Texts.CUT);

    List<Flow.Part> parts = FlowHops.records(cut);

    assertThat(parts)
        .extracting(Flow.Part::links)
        .containsExactly(Set.of("message-a", "event-a"), Set.of("message-b", "event-b"));
  }

  @Test
  void of_twoOrdersRelayedInOneCutBatch_theRelaysCallsForTheOtherStayOut() {
    List<Flow.Hop<String>> hops = new ArrayList<>();
    hops.add(hop(0, "PutItem orders a", ORDER_A, Set.of(), Set.of("lambda-place-a"), List.of()));
    hops.add(hop(1, "PlaceOrder a", ORDER_A, Set.of("lambda-place-a"), Set.of(), List.of()));
    String cut = cutStreamBatch();
    hops.add(hop(2, "Relay batch", cut, Set.of("lambda-relay"), Set.of(), FlowHops.records(cut)));
    // The relay's own calls name their record's order only, and the relay's request id.
    hops.add(
        hop(3, "relay PutItem for b", "idem#b-hash", Set.of(), Set.of("lambda-relay"), List.of()));
    hops.add(hop(4, "relay PutEvents for b", ORDER_B, Set.of(), Set.of("lambda-relay"), List.of()));
    hops.add(hop(5, "relay PutEvents for a", ORDER_A, Set.of(), Set.of("lambda-relay"), List.of()));

    List<String> names = Flow.of(ORDER_A, hops).hops().stream().map(Flow.Hop::value).toList();

    assertThat(names)
        .contains("PlaceOrder a", "Relay batch", "relay PutEvents for a")
        .doesNotContain("relay PutItem for b", "relay PutEvents for b");
  }

  private static Flow.Hop<String> hop(
      int at,
      String name,
      String text,
      Set<String> links,
      Set<String> refs,
      List<Flow.Part> parts) {
    return new Flow.Hop<>(
        T0.plusMillis(at), new Flow.Links(text, links, refs, parts, Set.of(), false), name);
  }
}
