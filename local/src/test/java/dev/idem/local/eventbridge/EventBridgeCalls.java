package dev.idem.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Calls an EventBridgeService in process, as the JSON 1.1 protocol would, and records deliveries.
 */
final class EventBridgeCalls {

  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status and parsed body. */
  record Answer(int status, JsonNode body) {}

  private final EventBridgeService service;

  EventBridgeCalls(EventBridgeService service) {
    this.service = service;
  }

  Answer call(String operation, String jsonBody) {
    Response response =
        service.handle(
            new Request(
                "POST",
                "/",
                null,
                Map.of(
                    "X-Amz-Target", List.of("AWSEvents." + operation),
                    "Content-Type", List.of("application/x-amz-json-1.1")),
                jsonBody.getBytes(StandardCharsets.UTF_8)));
    try {
      return new Answer(response.status(), JSON.readTree(response.body()));
    } catch (Exception e) {
      throw new AssertionError("Not JSON: " + response.bodyText(), e);
    }
  }

  Answer rule(String name, String pattern, String targetsJson) {
    Answer put =
        call(
            "PutRule",
            "{\"Name\":\"" + name + "\",\"EventPattern\":" + JSON.valueToTree(pattern) + "}");
    if (put.status() != 200) {
      return put;
    }
    return call("PutTargets", "{\"Rule\":\"" + name + "\",\"Targets\":" + targetsJson + "}");
  }

  Answer putEvent(String source, String detailType, String detailJson) {
    return call(
        "PutEvents",
        "{\"Entries\":[{\"Source\":\""
            + source
            + "\",\"DetailType\":\""
            + detailType
            + "\",\"Detail\":"
            + JSON.valueToTree(detailJson)
            + "}]}");
  }

  /**
   * Records deliveries; {@link #failing} targets throw, as an unreachable queue would; {@link
   * #busy} targets answer 503 to their next {@link #busyAnswers} sends, as a queue under load.
   */
  static final class RecordingSender implements EventTargetSender {
    final BlockingQueue<Message> sent = new LinkedBlockingQueue<>();
    final java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile String failing = "";
    volatile String busy = "";
    final java.util.concurrent.atomic.AtomicInteger busyAnswers =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void send(Message message) {
      attempts.incrementAndGet();
      if (message.targetArn().equals(failing)) {
        throw new IllegalStateException("queue " + failing + " is unreachable");
      }
      if (message.targetArn().equals(busy) && busyAnswers.getAndDecrement() > 0) {
        throw software.amazon.awssdk.services.sqs.model.SqsException.builder()
            .statusCode(503)
            .message("busy")
            .build();
      }
      sent.add(message);
    }

    Message next() throws InterruptedException {
      Message message = sent.poll(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("No delivery within 5 s");
      }
      return message;
    }

    JsonNode nextBody() throws Exception {
      return JSON.readTree(next().body());
    }
  }
}
