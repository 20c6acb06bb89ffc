package dev.idem.local.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class SqsEventsTest {

  private static final SqsSourceConfig CONFIG =
      new SqsSourceConfig(
          "f",
          "http://127.0.0.1:4566/000000000000/q",
          "arn:aws:sqs:us-east-1:000000000000:q",
          10,
          Duration.ZERO,
          false,
          1);

  @Test
  void event_message_hasLambdasFieldsInLambdasOrder() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("MessageGroupId", "g");
    attributes.put("ApproximateFirstReceiveTimestamp", "3");
    attributes.put("SentTimestamp", "1");
    attributes.put("ApproximateReceiveCount", "2");
    Message message =
        Message.builder()
            .messageId("id-1")
            .receiptHandle("handle")
            .body("body")
            .md5OfBody("md5")
            .attributesWithStrings(attributes)
            .messageAttributes(
                Map.of(
                    "list",
                    MessageAttributeValue.builder()
                        .dataType("String.custom")
                        .stringValue("v")
                        .build()))
            .build();

    JsonNode record =
        Json.parse(SqsEvents.event(List.of(message), CONFIG)).orElseThrow().path("Records").get(0);

    assertThat(record.fieldNames())
        .toIterable()
        .containsExactly(
            "messageId",
            "receiptHandle",
            "body",
            "attributes",
            "messageAttributes",
            "md5OfBody",
            "eventSource",
            "eventSourceARN",
            "awsRegion");
    assertThat(record.path("attributes").fieldNames())
        .toIterable()
        .containsExactly(
            "ApproximateReceiveCount",
            "SentTimestamp",
            "ApproximateFirstReceiveTimestamp",
            "MessageGroupId");
    assertThat(record.path("messageAttributes").path("list").path("dataType").asText())
        .isEqualTo("String.custom");
    assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(record.path("eventSourceARN").asText()).isEqualTo(CONFIG.queueArn());
  }
}
