package dev.idem.local.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The recorder pairs each entry the real SDK client sends with the local cloud's EventBridge
 * answer: accepted with its id and time, refused by a fault rule, or refused as malformed.
 */
class EventBridgeRecorderIT {

  private static final String DETAIL =
      "{\"metadata\":{\"eventId\":\"e-1\",\"occurredAt\":\"2026-11-26T10:00:00Z\"},"
          + "\"data\":{\"orderId\":\"o-1\"}}";

  private static EventBridgeRecorder bus;

  @BeforeAll
  static void start() {
    bus = EventBridgeRecorder.start();
  }

  @AfterAll
  static void stop() {
    bus.close();
  }

  @BeforeEach
  void reset() {
    bus.reset();
  }

  @Test
  void putEvents_acceptedEntries_recordedWithIdsAndTime() {
    Instant time = Instant.parse("2026-11-26T10:00:00.250Z");

    PutEventsResponse response =
        bus.client()
            .putEvents(
                r -> r.entries(entry("OrderFulfilled", DETAIL).toBuilder().time(time).build()));

    assertThat(response.failedEntryCount()).isZero();
    assertThat(response.entries())
        .singleElement()
        .satisfies(e -> assertThat(e.eventId()).isNotBlank());
    assertThat(bus.accepted())
        .singleElement()
        .satisfies(e -> {
          assertThat(e.eventId()).isEqualTo(response.entries().get(0).eventId());
          assertThat(e.eventBusName()).isEqualTo("idem-orders");
          assertThat(e.source()).isEqualTo("idem.orders");
          assertThat(e.time()).isEqualTo(time);
        });
    assertThat(bus.events())
        .singleElement()
        .satisfies(e -> assertThat(e.data().orderId()).isEqualTo("o-1"));
  }

  @Test
  void putEvents_nextEntriesScriptedToFail_refusedOneByOne() {
    bus.faults("[{\"kind\":\"putevents-failed\",\"limit\":1}]");

    PutEventsResponse response =
        bus.client()
            .putEvents(
                r -> r.entries(entry("OrderFulfilled", DETAIL), entry("OrderFulfilled", DETAIL)));

    assertThat(response.failedEntryCount()).isEqualTo(1);
    assertThat(response.entries().get(0).errorCode()).isEqualTo("InternalFailure");
    assertThat(response.entries().get(1).eventId()).isNotBlank();
    assertThat(bus.accepted()).hasSize(1);
    assertThat(bus.refused()).hasSize(1);
  }

  @Test
  void putEvents_entriesMatchingAStandingRefusal_failEveryTime() {
    bus.faults("[{\"kind\":\"putevents-failed\",\"detailType\":\"OrderCancelled\"}]");

    for (int attempt = 0; attempt < 3; attempt++) {
      bus.client().putEvents(r -> r.entries(entry("OrderCancelled", DETAIL)));
    }
    bus.client().putEvents(r -> r.entries(entry("OrderFulfilled", DETAIL)));

    assertThat(bus.refused()).hasSize(3);
    assertThat(bus.accepted())
        .extracting(EventBridgeRecorder.Entry::detailType)
        .containsExactly("OrderFulfilled");
    assertThat(bus.calls()).isEqualTo(4);
  }

  @Test
  void putEvents_detailNotAJsonObject_refusedAsMalformed() {
    PutEventsResponse response =
        bus.client().putEvents(r -> r.entries(entry("OrderFulfilled", "[1]")));

    assertThat(response.entries())
        .singleElement()
        .satisfies(e -> assertThat(e.errorCode()).isEqualTo("MalformedDetail"));
    assertThat(bus.accepted()).isEmpty();
  }

  private static PutEventsRequestEntry entry(String detailType, String detail) {
    return PutEventsRequestEntry.builder()
        .eventBusName(EventBridgeRecorder.BUS)
        .source("idem.orders")
        .detailType(detailType)
        .detail(detail)
        .build();
  }
}
