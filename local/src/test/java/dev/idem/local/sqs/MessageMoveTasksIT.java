package dev.idem.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.Await;
import dev.idem.local.edge.LocalAws;
import dev.idem.local.edge.LocalAwsExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS's message move tasks through the edge with the SDK v2 (JSON protocol) and the query protocol.
 * The expected answers are AWS's as LocalStack recorded them against AWS ({@code
 * localstack/localstack}, {@code tests/aws/services/sqs/test_sqs_move_task.py} and its {@code
 * .snapshot.json}, tests marked {@code @markers.aws.validated}); each test names the one it
 * follows. ElasticMQ 1.7.1 alone fails several: no answer for a source that is no DLQ, every
 * message to the first source queue, another error for a bad handle, 0 to move once completed.
 */
@ExtendWith(LocalAwsExtension.class)
class MessageMoveTasksIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** A source queue whose redrive policy sends a message to its DLQ after one receive. */
  private record Pipe(String queueUrl, String dlqUrl, String dlqArn) {}

  private static String arn(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private static String queue(SqsClient sqs, String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return sqs.createQueue(r -> r.queueName(name)).queueUrl();
  }

  private static Pipe pipe(SqsClient sqs, String prefix) {
    String dlq = queue(sqs, prefix + "-dlq");
    return pipeTo(sqs, prefix, dlq);
  }

  private static Pipe pipeTo(SqsClient sqs, String prefix, String dlq) {
    String dlqArn = arn(sqs, dlq);
    String policy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":1}";
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String source =
        sqs.createQueue(r ->
                r.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)))
            .queueUrl();
    return new Pipe(source, dlq, dlqArn);
  }

  /** Sends the bodies and receives each twice, so that SQS moves them to the DLQ. */
  private static void deadLetter(SqsClient sqs, Pipe pipe, String... bodies) {
    int before = visible(sqs, pipe.dlqUrl());
    for (String body : bodies) {
      sqs.sendMessage(r ->
          r.queueUrl(pipe.queueUrl())
              .messageBody(body)
              .messageAttributes(
                  Map.of(
                      "origin",
                      MessageAttributeValue.builder()
                          .dataType("String")
                          .stringValue("test-" + body)
                          .build())));
    }
    Await.until(
        "the messages in " + pipe.dlqUrl(),
        DEADLINE,
        () -> {
          sqs.receiveMessage(
              r -> r.queueUrl(pipe.queueUrl()).visibilityTimeout(0).maxNumberOfMessages(10));
          return visible(sqs, pipe.dlqUrl()) == before + bodies.length;
        });
  }

  private static int visible(SqsClient sqs, String url) {
    return Integer.parseInt(
        sqs.getQueueAttributes(r ->
                r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  private static List<Message> collect(SqsClient sqs, String url, int expected) {
    List<Message> collected = new ArrayList<>();
    Await.until(
        expected + " messages in " + url,
        DEADLINE,
        () -> {
          for (Message message :
              sqs.receiveMessage(r ->
                      r.queueUrl(url)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .messageAttributeNames("All"))
                  .messages()) {
            collected.add(message);
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
          }
          return collected.size() >= expected;
        });
    return collected;
  }

  private static ListMessageMoveTasksResultEntry latest(SqsClient sqs, String sourceArn) {
    return sqs.listMessageMoveTasks(r -> r.sourceArn(sourceArn)).results().getFirst();
  }

  private static void awaitStatus(SqsClient sqs, String sourceArn, String status) {
    Await.until(
        "the task " + status, DEADLINE, () -> status.equals(latest(sqs, sourceArn).status()));
  }

  private static SqsException refusal(Runnable call) {
    try {
      call.run();
    } catch (SqsException e) {
      return e;
    }
    throw new AssertionError("the call was not refused");
  }

  @Test // test_basic_move_task_workflow
  void start_withDestination_movesBodiesAndAttributesAndListsCompleted(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    Pipe pipe = pipe(sqs, "move-basic");
    String destination = queue(sqs, "move-basic-destination");
    String destinationArn = arn(sqs, destination);
    deadLetter(sqs, pipe, "message-1", "message-2");

    String handle =
        sqs.startMessageMoveTask(r -> r.sourceArn(pipe.dlqArn()).destinationArn(destinationArn))
            .taskHandle();

    List<Message> moved = collect(sqs, destination, 2);
    assertThat(handle).isNotBlank();
    assertThat(moved).extracting(Message::body).containsExactlyInAnyOrder("message-1", "message-2");
    assertThat(moved)
        .allSatisfy(message ->
            assertThat(message.messageAttributes().get("origin").stringValue())
                .isEqualTo("test-" + message.body()));
    awaitStatus(sqs, pipe.dlqArn(), "COMPLETED");
    ListMessageMoveTasksResultEntry task = latest(sqs, pipe.dlqArn());
    assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(2);
    assertThat(task.approximateNumberOfMessagesToMove()).isEqualTo(2);
    assertThat(task.destinationArn()).isEqualTo(destinationArn);
    assertThat(task.sourceArn()).isEqualTo(pipe.dlqArn());
    assertThat(task.startedTimestamp()).isPositive();
    // AWS lists a task's handle only while it runs, and no rate when none was given.
    assertThat(task.taskHandle()).isNull();
    assertThat(task.maxNumberOfMessagesPerSecond()).isNull();
    assertThat(visible(sqs, pipe.dlqUrl())).isZero();
  }

  @Test // test_move_task_workflow_with_multiple_sources_as_default_destination
  void start_withoutDestination_eachMessageBackToItsOwnSourceQueue(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    Pipe first = pipe(sqs, "move-sources");
    Pipe second = pipeTo(sqs, "move-sources-2", first.dlqUrl());
    deadLetter(sqs, first, "from-first");
    deadLetter(sqs, second, "from-second");

    sqs.startMessageMoveTask(r -> r.sourceArn(first.dlqArn()));

    assertThat(collect(sqs, first.queueUrl(), 1))
        .extracting(Message::body)
        .containsExactly("from-first");
    assertThat(collect(sqs, second.queueUrl(), 1))
        .extracting(Message::body)
        .containsExactly("from-second");
    awaitStatus(sqs, first.dlqArn(), "COMPLETED");
    ListMessageMoveTasksResultEntry task = latest(sqs, first.dlqArn());
    assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(2);
    assertThat(task.approximateNumberOfMessagesToMove()).isEqualTo(2);
    assertThat(task.destinationArn()).isNull();
  }

  @Test // no AWS recording: a message sent to the DLQ directly has no DeadLetterQueueSourceArn
  void start_withoutDestination_messageSentToTheDlqDirectlyGoesToItsOnlySource(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    Pipe pipe = pipe(sqs, "move-direct");
    sqs.sendMessage(r -> r.queueUrl(pipe.dlqUrl()).messageBody("sent-directly"));

    sqs.startMessageMoveTask(r -> r.sourceArn(pipe.dlqArn()));

    assertThat(collect(sqs, pipe.queueUrl(), 1))
        .extracting(Message::body)
        .containsExactly("sent-directly");
  }

  @Test // test_move_task_with_throughput_limit
  void start_oneMessagePerSecond_fourMessagesTakeAtLeastThreeSeconds(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    Pipe pipe = pipe(sqs, "move-rate");
    String destination = queue(sqs, "move-rate-destination");
    deadLetter(sqs, pipe, "message-0", "message-1", "message-2", "message-3");

    long started = System.nanoTime();
    sqs.startMessageMoveTask(r ->
        r.sourceArn(pipe.dlqArn())
            .destinationArn(arn(sqs, destination))
            .maxNumberOfMessagesPerSecond(1));
    List<Message> moved = collect(sqs, destination, 4);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(moved).hasSize(4);
  }

  @Test // test_start_multiple_move_tasks, test_move_task_cancel
  void startAgainWhileRunning_refused_thenCancelLeavesTheRestInTheDlq(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    Pipe pipe = pipe(sqs, "move-cancel");
    String destination = queue(sqs, "move-cancel-destination");
    String destinationArn = arn(sqs, destination);
    deadLetter(sqs, pipe, "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    String handle =
        sqs.startMessageMoveTask(r ->
                r.sourceArn(pipe.dlqArn())
                    .destinationArn(destinationArn)
                    .maxNumberOfMessagesPerSecond(1))
            .taskHandle();

    SqsException again =
        refusal(() ->
            sqs.startMessageMoveTask(r ->
                r.sourceArn(pipe.dlqArn())
                    .destinationArn(destinationArn)
                    .maxNumberOfMessagesPerSecond(1)));
    collect(sqs, destination, 2);
    ListMessageMoveTasksResultEntry running = latest(sqs, pipe.dlqArn());
    long movedAtCancel =
        sqs.cancelMessageMoveTask(r -> r.taskHandle(handle)).approximateNumberOfMessagesMoved();
    awaitStatus(sqs, pipe.dlqArn(), "CANCELLED");
    ListMessageMoveTasksResultEntry cancelled = latest(sqs, pipe.dlqArn());

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(again.awsErrorDetails().errorMessage())
        .isEqualTo(
            "There is already a task running. Only one active task is allowed for a source queue"
                + " arn at a given time.");
    assertThat(running.status()).isEqualTo("RUNNING");
    assertThat(running.taskHandle()).isEqualTo(handle);
    assertThat(running.maxNumberOfMessagesPerSecond()).isEqualTo(1);
    assertThat(running.approximateNumberOfMessagesToMove()).isEqualTo(10);
    assertThat(movedAtCancel).isPositive();
    assertThat(cancelled.taskHandle()).isNull();
    assertThat(cancelled.approximateNumberOfMessagesMoved()).isLessThan(10);
    assertThat(visible(sqs, pipe.dlqUrl())).isPositive();
  }

  @Test // test_move_task_delete_destination_queue_while_running
  void destinationDeletedWhileRunning_taskFailed_restStayInTheDlq(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    Pipe pipe = pipe(sqs, "move-fail");
    String destination = queue(sqs, "move-fail-destination");
    String destinationArn = arn(sqs, destination);
    deadLetter(sqs, pipe, "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    sqs.startMessageMoveTask(r ->
        r.sourceArn(pipe.dlqArn()).destinationArn(destinationArn).maxNumberOfMessagesPerSecond(1));

    sqs.deleteQueue(r -> r.queueUrl(destination));

    Await.until(
        "the task no longer RUNNING",
        DEADLINE,
        () -> !"RUNNING".equals(latest(sqs, pipe.dlqArn()).status()));
    ListMessageMoveTasksResultEntry task = latest(sqs, pipe.dlqArn());
    assertThat(task.status()).isEqualTo("FAILED");
    assertThat(task.failureReason()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(task.approximateNumberOfMessagesToMove()).isEqualTo(10);
    assertThat(task.approximateNumberOfMessagesMoved()).isLessThan(10);
    Await.until(
        "the unmoved messages visible in the DLQ",
        DEADLINE,
        () -> visible(sqs, pipe.dlqUrl()) == 10 - task.approximateNumberOfMessagesMoved());
  }

  @Test // test_source_needs_redrive_policy
  void start_sourceIsNoDeadLetterQueue_400InvalidParameterValue(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String source = arn(sqs, queue(sqs, "move-plain"));
    String destination = arn(sqs, queue(sqs, "move-plain-destination"));

    SqsException e =
        refusal(
            () -> sqs.startMessageMoveTask(r -> r.sourceArn(source).destinationArn(destination)));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Source queue must be configured as a Dead Letter Queue.");
  }

  @Test // test_destination_needs_to_exist
  void start_destinationMissing_404ResourceNotFound(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    Pipe pipe = pipe(sqs, "move-nodest");
    String destination = arn(sqs, queue(sqs, "move-nodest-destination")) + "doesntexist";

    SqsException e =
        refusal(() ->
            sqs.startMessageMoveTask(r -> r.sourceArn(pipe.dlqArn()).destinationArn(destination)));

    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "The resource that you specified for the DestinationArn parameter doesn't exist.");
  }

  @Test // test_cancel_with_invalid_task_handle
  void cancel_notAHandle_400InvalidParameterValue(LocalAws aws) {
    SqsException e =
        refusal(() -> aws.clients().sqs().cancelMessageMoveTask(r -> r.taskHandle("foobared")));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Value for parameter TaskHandle is invalid.");
  }

  @Test // test_cancel_with_invalid_source_arn_in_task_handle, ..._invalid_task_id_in_task_handle
  void cancel_handleOfUnknownQueueOrTask_404ResourceNotFound(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String existing = arn(sqs, queue(sqs, "move-handle"));

    SqsException noQueue =
        refusal(() ->
            sqs.cancelMessageMoveTask(
                r -> r.taskHandle(handle("arn:aws:sqs:us-east-1:000000000000:move-doesnt-exist"))));
    SqsException noTask =
        refusal(() -> sqs.cancelMessageMoveTask(r -> r.taskHandle(handle(existing))));

    assertThat(noQueue.statusCode()).isEqualTo(404);
    assertThat(noQueue.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(noQueue.awsErrorDetails().errorMessage())
        .isEqualTo("The resource that you specified for the SourceArn parameter doesn't exist.");
    assertThat(noTask.statusCode()).isEqualTo(404);
    assertThat(noTask.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(noTask.awsErrorDetails().errorMessage()).isEqualTo("Task does not exist.");
  }

  /** A well-formed handle for a task that was never started (the shape the edge hands out). */
  private static String handle(String sourceArn) {
    String json =
        "{\"taskId\":\"10f57157-fc38-4da9-a113-4de7e12d05aa\",\"sourceArn\":\"" + sourceArn + "\"}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test // the query protocol's shapes (SDKs before SQS's JSON protocol, e.g. SDK v2 2.20.x)
  void queryProtocol_startListAndRefusal_answeredAsXml(LocalAws aws) throws Exception {
    SqsClient sqs = aws.clients().sqs();
    Pipe pipe = pipe(sqs, "move-query");
    String destinationArn = arn(sqs, queue(sqs, "move-query-destination"));
    deadLetter(sqs, pipe, "q-1");

    HttpResponse<String> start =
        form(
            aws.edgeUrl(),
            "Action=StartMessageMoveTask&SourceArn="
                + pipe.dlqArn()
                + "&DestinationArn="
                + destinationArn);
    awaitStatus(sqs, pipe.dlqArn(), "COMPLETED");
    HttpResponse<String> list =
        form(aws.edgeUrl(), "Action=ListMessageMoveTasks&MaxResults=10&SourceArn=" + pipe.dlqArn());
    HttpResponse<String> bad =
        form(aws.edgeUrl(), "Action=CancelMessageMoveTask&TaskHandle=foobared");

    assertThat(start.statusCode()).isEqualTo(200);
    assertThat(start.body())
        .contains("<StartMessageMoveTaskResponse", "<StartMessageMoveTaskResult><TaskHandle>");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains(
            "<ListMessageMoveTasksResult><ListMessageMoveTasksResultEntry><Status>COMPLETED</Status>",
            "<ApproximateNumberOfMessagesMoved>1</ApproximateNumberOfMessagesMoved>",
            "<DestinationArn>" + destinationArn + "</DestinationArn>");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains(
            "<Code>InvalidParameterValue</Code>",
            "<Message>Value for parameter TaskHandle is invalid.</Message>");
  }

  @Test
  void otherSqsCalls_stillReachTheBackend(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String url = queue(sqs, "move-other");

    sqs.sendMessage(r -> r.queueUrl(url).messageBody("plain"));

    assertThat(collect(sqs, url, 1)).extracting(Message::body).containsExactly("plain");
    assertThatThrownBy(() -> sqs.listMessageMoveTasks(r -> r.sourceArn(arn(sqs, url) + "-gone")))
        .isInstanceOf(SqsException.class)
        .hasMessageContaining("SourceArn parameter doesn't exist");
  }

  private static HttpResponse<String> form(URI edge, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(edge.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
