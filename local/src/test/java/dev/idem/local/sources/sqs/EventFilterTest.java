package dev.idem.local.sources.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.sources.EventFilter;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Lambda's event filtering over the records an SQS source would send. */
class EventFilterTest {

  private static final SqsSourceConfig CONFIG =
      new SqsSourceConfig(
          "fn",
          "http://127.0.0.1:4566/000000000000/q",
          "arn:aws:sqs:us-east-1:000000000000:q",
          10,
          java.time.Duration.ZERO,
          false,
          1);

  private static boolean passes(EventFilter filter, String body) {
    Message message = Message.builder().messageId("m").receiptHandle("r").body(body).build();
    return filter.matches(SqsEvents.filterable(message, CONFIG));
  }

  @Test
  void matches_jsonBodyField_onlyMatchingMessages() {
    EventFilter filter = EventFilter.of(List.of("{\"body\":{\"kind\":[\"job\"]}}"));

    assertThat(passes(filter, "{\"kind\":\"job\",\"n\":1}")).isTrue();
    assertThat(passes(filter, "{\"kind\":\"other\"}")).isFalse();
    assertThat(passes(filter, "job")).isFalse();
  }

  @Test
  void matches_plainTextBody_comparedAsAString() {
    EventFilter filter = EventFilter.of(List.of("{\"body\":[{\"prefix\":\"urgent\"}]}"));

    assertThat(passes(filter, "urgent: call")).isTrue();
    assertThat(passes(filter, "later")).isFalse();
  }

  @Test
  void matches_severalPatterns_anyOneLetsThrough() {
    EventFilter filter =
        EventFilter.of(
            List.of(
                "{\"body\":{\"n\":[{\"numeric\":[\">\",10]}]}}", "{\"body\":{\"vip\":[true]}}"));

    assertThat(passes(filter, "{\"n\":11}")).isTrue();
    assertThat(passes(filter, "{\"n\":1,\"vip\":true}")).isTrue();
    assertThat(passes(filter, "{\"n\":1}")).isFalse();
  }

  @Test
  void none_everythingPasses() {
    assertThat(EventFilter.of(List.of()).isEmpty()).isTrue();
    assertThat(passes(EventFilter.NONE, "anything")).isTrue();
  }

  @Test
  void of_invalidPattern_failsNamingIt() {
    assertThatThrownBy(() -> EventFilter.of(List.of("{\"body\": 1}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("FilterCriteria pattern {\"body\": 1} is not valid");
  }
}
