package dev.idem.local.sources.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.sources.Json;
import dev.idem.testing.LocalAccount;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The SQS event Lambda sends. Sources: the Lambda developer guide, "Using Lambda with Amazon SQS"
 * (the standard and FIFO example events, their attribute order), and LocalStack's AWS-validated
 * {@code tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_sqs.py}, whose
 * recorded events carry {@code md5OfMessageAttributes} where LocalStack differs (it skips verifying
 * {@code $..Records..md5OfMessageAttributes}); a record logged from Lambda in eu-west-1 shows it as
 * {@code null} between {@code messageAttributes} and {@code md5OfBody}.
 */
class SqsEventsTest {

  private static final SqsSourceConfig CONFIG =
      new SqsSourceConfig(
          "f",
          "http://127.0.0.1:4566/" + LocalAccount.ID + "/q",
          LocalAccount.arn("sqs", "q"),
          10,
          Duration.ZERO,
          false,
          1);

  @Test
  void event_message_hasLambdasFieldsInLambdasOrder() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("MessageGroupId", "g");
    attributes.put("ApproximateFirstReceiveTimestamp", "3");
    attributes.put("MessageDeduplicationId", "d");
    attributes.put("SentTimestamp", "1");
    attributes.put("SenderId", "s");
    attributes.put("SequenceNumber", "18849496460467696128");
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
            "md5OfMessageAttributes",
            "md5OfBody",
            "eventSource",
            "eventSourceARN",
            "awsRegion");
    assertThat(record.path("attributes").fieldNames())
        .toIterable()
        .containsExactly(
            "ApproximateReceiveCount",
            "SentTimestamp",
            "SequenceNumber",
            "MessageGroupId",
            "SenderId",
            "MessageDeduplicationId",
            "ApproximateFirstReceiveTimestamp");
    assertThat(record.path("messageAttributes").path("list").path("dataType").asText())
        .isEqualTo("String.custom");
    assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(record.path("eventSourceARN").asText()).isEqualTo(CONFIG.queueArn());
  }

  @Test
  void event_messageWithoutAttributes_hasMd5OfMessageAttributesNull() {
    Message message =
        Message.builder().messageId("id-2").receiptHandle("h").body("b").md5OfBody("m").build();

    JsonNode record =
        Json.parse(SqsEvents.event(List.of(message), CONFIG)).orElseThrow().path("Records").get(0);

    assertThat(record.has("md5OfMessageAttributes")).isTrue();
    assertThat(record.path("md5OfMessageAttributes").isNull()).isTrue();
    assertThat(record.path("messageAttributes").isObject()).isTrue();
    assertThat(record.path("messageAttributes").isEmpty()).isTrue();
  }
}
