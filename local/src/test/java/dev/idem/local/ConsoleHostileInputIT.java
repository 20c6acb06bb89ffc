package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Hostile input on every console endpoint and on the edge's message move actions, sent as raw bytes
 * (control characters, invalid UTF-8, 100 KB ids, wrong methods, bad bodies) to a real cloud: each
 * gets its 4xx with a problem body — the console's {@code {"error","message"}}, AWS's error shape
 * for the SQS actions — within seconds, never a 500, a hang or a closed connection; and the message
 * waiting in the dead-letter queue is still there after all of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleHostileInputIT {

  private static final String TEMPLATE =
      """
      AWSTemplateFormatVersion: "2010-09-09"
      Resources:
        WorkQueue:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: hostile-work
            RedrivePolicy:
              deadLetterTargetArn: !GetAtt WorkDLQ.Arn
              maxReceiveCount: 3
        WorkDLQ:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: hostile-dlq
        Readings:
          Type: AWS::DynamoDB::Table
          Properties:
            TableName: hostile-readings
            BillingMode: PAY_PER_REQUEST
            AttributeDefinitions:
              - {AttributeName: sensor, AttributeType: N}
              - {AttributeName: blob, AttributeType: B}
            KeySchema:
              - {AttributeName: sensor, KeyType: HASH}
              - {AttributeName: blob, KeyType: RANGE}
      """;

  private static final String BIG = "a".repeat(100_000);
  private static final String DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:hostile-dlq";
  private static final String SQS_AUTH =
      "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/sqs/aws4_request, SignedHeaders=host,"
          + " Signature=0";

  @TempDir static Path project;

  private static LocalCloud cloud;
  private static URI edge;
  private static String dlqUrl;

  @BeforeAll
  static void start() {
    cloud = LocalCloud.start(TestClouds.resourcesOnly(project, "ConsoleHostileInputIT", TEMPLATE));
    edge = cloud.awsEndpoint();
    dlqUrl = cloud.clients().sqs().getQueueUrl(r -> r.queueName("hostile-dlq")).queueUrl();
    cloud.clients().sqs().sendMessage(r -> r.queueUrl(dlqUrl).messageBody("keep me"));
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  /** One hostile request and the status it must get. */
  record Case(
      String name,
      String method,
      byte[] target,
      String contentType,
      String amzTarget,
      byte[] body,
      int status,
      Shape shape) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The problem body a refusal carries. */
  enum Shape {
    CONSOLE,
    AWS_JSON,
    AWS_XML
  }

  static Stream<Arguments> cases() {
    String q = "/_idem/api/queues/hostile-dlq";
    String t = "/_idem/api/tables/hostile-readings";
    String item = t + "/item";
    String b64 = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    return Stream.of(
            // Found in the audit: each answered as if asked right before.
            get("overview below its path (was 200)", "/_idem/api/overview/x", 404),
            get("overview with a parameter (was 200)", "/_idem/api/overview?limit=1", 400),
            get("overview %2F.. below it (was 200)", "/_idem/api/overview/..%2F..%2Fx", 404),
            post("redrive with a query parameter (was 202)", q + "/redrive?destination=x", "", 400),
            get("fault log unknown parameter (was 200)", "/_idem/faults/log?aftr=1", 400),
            get("fault log after twice (was 200)", "/_idem/faults/log?after=1&after=2", 400),
            sqsJson(
                "start, SourceArn of another account naming the DLQ (was 400, not a DLQ)",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"arn:aws:sqs:eu-west-1:999999999999:hostile-dlq\"}",
                404),
            sqsJson(
                "start, DestinationArn a bare queue name (was 200: the move ran)",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"" + DLQ_ARN + "\",\"DestinationArn\":\"hostile-work\"}",
                404),
            sqsQuery(
                "query start, SourceArn a bare name (was 400, not a DLQ)",
                "Action=StartMessageMoveTask&SourceArn=hostile-dlq",
                404),
            // Kept right: ids, paths, encodings.
            get("flow unknown id", "/_idem/api/flows/no-such-flow", 404),
            get("flow %2F in the id", "/_idem/api/flows/a%2Fb", 400),
            get("flow .. in the id", "/_idem/api/flows/..%2F..%2Fetc", 400),
            get("flow 100 KB id", "/_idem/api/flows/" + BIG, 400),
            get("flow control character", "/_idem/api/flows/a%01b", 400),
            get("flow NUL", "/_idem/api/flows/a%00", 400),
            raw(
                "flow invalid UTF-8 raw",
                "GET",
                bytes("/_idem/api/flows/a\u00c3(b"),
                null,
                "",
                404),
            get("invocation 100 KB id", "/_idem/api/invocations/" + BIG, 400),
            get("invocation unknown id", "/_idem/api/invocations/nope", 404),
            get("invocations limit 0", "/_idem/api/invocations?limit=0", 400),
            get("invocations limit huge", "/_idem/api/invocations?limit=99999999999999999999", 400),
            get("invocations limit invalid UTF-8", "/_idem/api/invocations?limit=%C3%28", 400),
            get("invocations limit twice", "/_idem/api/invocations?limit=1&limit=2", 400),
            get("flows unknown parameter", "/_idem/api/flows?x=1", 400),
            get("queue unknown", "/_idem/api/queues/nope", 404),
            get("queue 100 KB name", "/_idem/api/queues/" + BIG, 404),
            get("queue below redrive", q + "/redrive/x", 404),
            get("table unknown", "/_idem/api/tables/nope", 404),
            get("api unknown", "/_idem/api/nope", 404),
            get("page unknown kind", "/_idem/nope", 404),
            get("asset ..", "/_idem/assets/..%2Findex.html", 404),
            // Methods.
            method("POST on the overview", "POST", "/_idem/api/overview", 405),
            method("DELETE on flows", "DELETE", "/_idem/api/flows", 405),
            method("PUT on an invocation", "PUT", "/_idem/api/invocations/x", 405),
            method("POST on a queue", "POST", q, 405),
            method("GET on redrive", "GET", q + "/redrive", 405),
            method("DELETE on redrive", "DELETE", q + "/redrive", 405),
            method("POST on a table", "POST", t, 405),
            method("PUT on an item", "PUT", item + "?sensor=1&blob=" + b64, 405),
            method("POST on a page", "POST", "/_idem/flows/x", 405),
            method("POST on the fault log", "POST", "/_idem/faults/log", 405),
            // Peek.
            get("peek -1", q + "?peek=-1", 400),
            get("peek 101", q + "?peek=101", 400),
            get("peek not a number", q + "?peek=1e2", 400),
            get("peek twice", q + "?peek=1&peek=2", 400),
            // Redrive bodies.
            post("redrive body not JSON", q + "/redrive", "{nope", 400),
            post("redrive body an array", q + "/redrive", "[]", 400),
            post("redrive body null", q + "/redrive", "null", 400),
            post("redrive destination unknown", q + "/redrive", "{\"destination\":\"nope\"}", 404),
            post("redrive destination a number", q + "/redrive", "{\"destination\":1}", 400),
            post("redrive destination an array", q + "/redrive", "{\"destination\":[\"a\"]}", 400),
            post("redrive unknown field", q + "/redrive", "{\"x\":1}", 400),
            post("redrive nested 100,000 deep", q + "/redrive", "[".repeat(100_000), 400),
            raw(
                "redrive invalid UTF-8 body",
                "POST",
                bytes(q + "/redrive"),
                "application/json",
                "{\"destination\":\"\u00c3(\"}",
                400),
            post(
                "redrive of no dead-letter queue",
                "/_idem/api/queues/hostile-work/redrive",
                "",
                400),
            // Key lookups on an N hash and B range key.
            get("item key missing", item + "?sensor=1", 400),
            get("item extra attribute", item + "?sensor=1&blob=" + b64 + "&x=1", 400),
            get("item N not a number", item + "?sensor=abc&blob=" + b64, 400),
            get("item N NaN", item + "?sensor=NaN&blob=" + b64, 400),
            get("item N huge exponent", item + "?sensor=1e999999&blob=" + b64, 400),
            get("item B not base64", item + "?sensor=1&blob=%21%21", 400),
            get("item B empty", item + "?sensor=1&blob=", 400),
            get("item not found", item + "?sensor=1&blob=" + b64, 404),
            get("table next not a token", t + "?next=abc", 400),
            get("table next of another key", t + "?next=" + token("{\"x\":{\"S\":\"a\"}}"), 400),
            get("table limit 101", t + "?limit=101", 400),
            // The edge's message move actions, JSON protocol.
            sqsJson("start, body not JSON", "StartMessageMoveTask", "{", 400),
            sqsJson("start, body an array", "StartMessageMoveTask", "[]", 400),
            sqsJson(
                "start, SourceArn an object", "StartMessageMoveTask", "{\"SourceArn\":{}}", 400),
            sqsJson(
                "start, SourceArn no ARN", "StartMessageMoveTask", "{\"SourceArn\":\"x\"}", 404),
            sqsJson(
                "start, SourceArn without a name",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"arn:aws:sqs:us-east-1:000000000000:\"}",
                404),
            sqsJson(
                "start, SourceArn 100 KB",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"arn:aws:sqs:us-east-1:000000000000:" + BIG + "\"}",
                404),
            sqsJson(
                "start, source no DLQ",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"arn:aws:sqs:us-east-1:000000000000:hostile-work\"}",
                400),
            sqsJson(
                "start, rate 0",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"" + DLQ_ARN + "\",\"MaxNumberOfMessagesPerSecond\":0}",
                400),
            sqsJson(
                "start, rate 501",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"" + DLQ_ARN + "\",\"MaxNumberOfMessagesPerSecond\":501}",
                400),
            sqsJson(
                "start, rate a fraction",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"" + DLQ_ARN + "\",\"MaxNumberOfMessagesPerSecond\":1.5}",
                400),
            sqsJson(
                "start, rate a string",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"" + DLQ_ARN + "\",\"MaxNumberOfMessagesPerSecond\":\"x\"}",
                400),
            sqsJson(
                "start, destination unknown",
                "StartMessageMoveTask",
                "{\"SourceArn\":\"" + DLQ_ARN + "\",\"DestinationArn\":\"x\"}",
                404),
            sqsJson(
                "list, MaxResults 11",
                "ListMessageMoveTasks",
                "{\"SourceArn\":\"" + DLQ_ARN + "\",\"MaxResults\":11}",
                400),
            sqsJson(
                "cancel, handle not base64",
                "CancelMessageMoveTask",
                "{\"TaskHandle\":\"x\"}",
                400),
            sqsJson(
                "cancel, handle 100 KB",
                "CancelMessageMoveTask",
                "{\"TaskHandle\":\"" + BIG + "\"}",
                400),
            sqsJson(
                "cancel, handle of a JSON array",
                "CancelMessageMoveTask",
                "{\"TaskHandle\":\"" + Base64.getEncoder().encodeToString(bytes("[1]")) + "\"}",
                400),
            sqsJson(
                "cancel, handle of an unknown task",
                "CancelMessageMoveTask",
                "{\"TaskHandle\":\"" + handle("x", DLQ_ARN) + "\"}",
                404),
            sqsJson(
                "cancel, handle of an unknown queue",
                "CancelMessageMoveTask",
                "{\"TaskHandle\":\"" + handle("x", DLQ_ARN + "-nope") + "\"}",
                404),
            // ... and the query protocol.
            sqsQuery("query start, no SourceArn", "Action=StartMessageMoveTask", 400),
            sqsQuery(
                "query start, SourceArn badly encoded",
                "Action=StartMessageMoveTask&SourceArn=%ZZ",
                400),
            sqsQuery(
                "query start, rate not a number",
                "Action=StartMessageMoveTask&SourceArn="
                    + DLQ_ARN
                    + "&MaxNumberOfMessagesPerSecond=x",
                400),
            sqsQuery(
                "query list, MaxResults not a number",
                "Action=ListMessageMoveTasks&SourceArn=" + DLQ_ARN + "&MaxResults=x",
                400),
            sqsQuery(
                "query cancel, handle NUL", "Action=CancelMessageMoveTask&TaskHandle=%00", 400))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Order(1)
  void hostileRequest_answeredWithItsProblem(Case hostile) {
    Answer answer = send(hostile);
    assertThat(answer.status()).as(answer.body()).isEqualTo(hostile.status());
    switch (hostile.shape()) {
      case CONSOLE -> {
        JsonNode problem = Http.json(answer.body());
        assertThat(problem.path("error").asText()).as(answer.body()).isNotEmpty();
        assertThat(problem.path("message").asText()).as(answer.body()).isNotEmpty();
      }
      case AWS_JSON ->
          assertThat(Http.json(answer.body()).path("__type").asText())
              .as(answer.body())
              .startsWith("com.amazonaws.sqs#");
      case AWS_XML -> assertThat(answer.body()).contains("<ErrorResponse", "<Code>");
    }
  }

  @Test
  @Order(1)
  void consoleWithoutItsSlash_redirectsToTheOverview() {
    // was: 400 EdgeRoutingException (the edge read /_idem as an AWS call it could not route)
    Answer answer = send(raw("no slash", "GET", bytes("/_idem"), null, "", 308));
    assertThat(answer.status()).isEqualTo(308);
    assertThat(answer.head()).containsIgnoringCase("Location: /_idem/");
  }

  @Test
  @Order(2)
  void afterEveryHostileRequest_theDeadLetteredMessageIsStillThere() {
    String visible =
        cloud
            .clients()
            .sqs()
            .getQueueAttributes(r ->
                r.queueUrl(dlqUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    assertThat(visible).isEqualTo("1");
  }

  private static Case get(String name, String target, int status) {
    return raw(name, "GET", bytes(target), null, "", status);
  }

  private static Case method(String name, String method, String target, int status) {
    return raw(name, method, bytes(target), "application/json", "{}", status);
  }

  private static Case post(String name, String target, String body, int status) {
    return raw(name, "POST", bytes(target), "application/json", body, status);
  }

  private static Case raw(
      String name, String method, byte[] target, String contentType, String body, int status) {
    // A body given as text with chars U+0080..U+00FF is sent byte for byte (invalid UTF-8 on
    // purpose); plain ASCII is unchanged by it.
    return new Case(
        name,
        method,
        target,
        contentType,
        null,
        body.getBytes(StandardCharsets.ISO_8859_1),
        status,
        Shape.CONSOLE);
  }

  private static Case sqsJson(String name, String action, String body, int status) {
    return new Case(
        name,
        "POST",
        bytes("/"),
        "application/x-amz-json-1.0",
        "AmazonSQS." + action,
        bytes(body),
        status,
        Shape.AWS_JSON);
  }

  private static Case sqsQuery(String name, String form, int status) {
    return new Case(
        name,
        "POST",
        bytes("/"),
        "application/x-www-form-urlencoded",
        null,
        bytes(form),
        status,
        Shape.AWS_XML);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String token(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(json));
  }

  private static String handle(String taskId, String sourceArn) {
    return Base64.getEncoder()
        .encodeToString(
            bytes("{\"taskId\":\"" + taskId + "\",\"sourceArn\":\"" + sourceArn + "\"}"));
  }

  /** An answer: its status, its head (status line and headers) and body. */
  record Answer(int status, String head, String body) {}

  /**
   * Sends the request's bytes as they are (an HTTP client would refuse or encode them) and reads
   * the answer to the end; a connection closed without one, or no answer in 10 s, fails.
   */
  private static Answer send(Case request) {
    try (Socket socket = new Socket(edge.getHost(), edge.getPort())) {
      socket.setSoTimeout(10_000);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.write(bytes(request.method() + " "));
      head.write(request.target());
      StringBuilder headers = new StringBuilder(" HTTP/1.1\r\n");
      headers.append("Host: ").append(edge.getHost()).append(':').append(edge.getPort());
      headers.append("\r\nConnection: close\r\nContent-Length: ").append(request.body().length);
      if (request.contentType() != null) {
        headers.append("\r\nContent-Type: ").append(request.contentType());
      }
      if (request.shape() == Shape.AWS_JSON || request.shape() == Shape.AWS_XML) {
        headers.append("\r\nAuthorization: ").append(SQS_AUTH);
      }
      if (request.amzTarget() != null) {
        headers.append("\r\nX-Amz-Target: ").append(request.amzTarget());
      }
      headers.append("\r\n\r\n");
      head.write(bytes(headers.toString()));
      head.write(request.body());
      OutputStream out = socket.getOutputStream();
      out.write(head.toByteArray());
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).as("an answer to " + request.name()).isNotEmpty();
      int end = answer.indexOf("\r\n\r\n");
      String statusLine = answer.substring(0, answer.indexOf("\r\n"));
      return new Answer(
          Integer.parseInt(statusLine.split(" ")[1]),
          answer.substring(0, end),
          answer.substring(end + 4));
    } catch (IOException e) {
      throw new UncheckedIOException("No answer to " + request.name(), e);
    }
  }
}
