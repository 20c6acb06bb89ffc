package dev.idem.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.aws.AwsJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * SQS's message move tasks (a dead-letter queue's redrive), run over the queue backend with AWS's
 * semantics, which ElasticMQ 1.7.1's own implementation misses: a source that is no dead-letter
 * queue gets no answer at all there, every message goes to the first source queue rather than to
 * its own, a bad task handle gets another error, and a finished task reports 0 messages to move.
 *
 * <p>A task receives the source's messages, sends each (body, message attributes, a FIFO message's
 * group and deduplication id) to the destination — the one given, or the queue the message was
 * dead-lettered from ({@code DeadLetterQueueSourceArn}) — and deletes it from the source, at most
 * {@code MaxNumberOfMessagesPerSecond} a second. It ends COMPLETED when the messages counted at its
 * start are moved or the source has none left, CANCELLED when cancelled, FAILED when a destination
 * is gone (its messages stay in the source).
 */
public final class MessageMoveTasks implements AutoCloseable {

  /** AWS's bound on {@code MaxNumberOfMessagesPerSecond}. */
  static final int MAX_RATE = 500;

  private static final int MAX_RESULTS = 10;
  private static final int RECEIVE_BATCH = 10;
  private static final int MOVE_VISIBILITY_SECONDS = 30;

  private final SqsClient sqs;
  private final Clock clock;
  private final Map<String, List<Task>> tasksBySource = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Tasks over {@code sqs}, the queue backend itself (not the edge: a task's own calls are not the
   * user's, and faults injected at the edge do not apply to them).
   */
  public MessageMoveTasks(SqsClient sqs, Clock clock) {
    this.sqs = sqs;
    this.clock = clock;
  }

  /** A task's state, as ListMessageMoveTasks reports it. */
  public enum Status {
    RUNNING,
    COMPLETED,
    CANCELLING,
    CANCELLED,
    FAILED
  }

  /** A refusal, with SQS's error code, HTTP status and message. */
  public static final class MoveTaskException extends RuntimeException {
    private final String code;
    private final int status;

    MoveTaskException(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }

    /** SQS's error code, e.g. {@code ResourceNotFoundException}. */
    public String code() {
      return code;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }
  }

  /**
   * One task as ListMessageMoveTasks lists it; {@code destinationArn}, {@code maxPerSecond} and
   * {@code failureReason} are null when not given or not failed.
   */
  public record Listing(
      String taskHandle,
      Status status,
      String sourceArn,
      String destinationArn,
      Integer maxPerSecond,
      long moved,
      long toMove,
      String failureReason,
      long startedMillis) {}

  /**
   * Starts moving the messages of the dead-letter queue {@code sourceArn}.
   *
   * @param destinationArn where all go, or null for each to the queue it was dead-lettered from
   * @param maxPerSecond the rate, 1 to 500, or null for as fast as the backend takes them
   * @return the task handle
   * @throws MoveTaskException as SQS refuses it: an unknown queue, a source no queue dead-letters
   *     to, a rate out of bounds, a task already running on the source
   */
  public String start(String sourceArn, String destinationArn, Integer maxPerSecond) {
    if (sourceArn == null || sourceArn.isEmpty()) {
      throw missing("SourceArn");
    }
    if (maxPerSecond != null && (maxPerSecond < 1 || maxPerSecond > MAX_RATE)) {
      throw invalid("MaxNumberOfMessagesPerSecond");
    }
    String sourceUrl = url(sourceArn).orElseThrow(() -> notFound("SourceArn"));
    String destinationUrl =
        destinationArn == null
            ? null
            : url(destinationArn).orElseThrow(() -> notFound("DestinationArn"));
    List<String> deadLetterSources = deadLetterSources(sourceArn);
    if (deadLetterSources.isEmpty()) {
      throw new MoveTaskException(
          400, "InvalidParameterValue", "Source queue must be configured as a Dead Letter Queue.");
    }
    List<Task> tasks =
        tasksBySource.computeIfAbsent(sourceArn, arn -> new CopyOnWriteArrayList<>());
    Task task;
    synchronized (tasks) {
      if (tasks.stream().anyMatch(t -> t.active())) {
        throw new MoveTaskException(
            400,
            "InvalidParameterValue",
            "There is already a task running. Only one active task is allowed for a source queue"
                + " arn at a given time.");
      }
      long toMove =
          Long.parseLong(
              sqs.getQueueAttributes(r ->
                      r.queueUrl(sourceUrl)
                          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                  .attributes()
                  .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
      task =
          new Task(
              handle(UUID.randomUUID().toString(), sourceArn),
              sourceArn,
              sourceUrl,
              destinationArn,
              destinationUrl,
              maxPerSecond,
              deadLetterSources.size() == 1 ? deadLetterSources.getFirst() : null,
              toMove,
              clock.millis());
      tasks.addFirst(task);
      while (tasks.size() > MAX_RESULTS) {
        tasks.removeLast();
      }
    }
    Thread.ofVirtual().name("message-move-" + name(sourceArn)).start(task::run);
    return task.handle;
  }

  /**
   * The latest tasks of {@code sourceArn}, newest first.
   *
   * @param maxResults 1 to 10, or null for 1
   * @throws MoveTaskException for an unknown queue or a bad {@code maxResults}
   */
  public List<Listing> list(String sourceArn, Integer maxResults) {
    if (sourceArn == null || sourceArn.isEmpty()) {
      throw missing("SourceArn");
    }
    if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS)) {
      throw invalid("MaxResults");
    }
    url(sourceArn).orElseThrow(() -> notFound("SourceArn"));
    List<Listing> listings = new ArrayList<>();
    for (Task task : tasksBySource.getOrDefault(sourceArn, List.of())) {
      if (listings.size() == (maxResults == null ? 1 : maxResults)) {
        break;
      }
      listings.add(task.listing());
    }
    return listings;
  }

  /**
   * Cancels a running task.
   *
   * @return the messages it moved so far
   * @throws MoveTaskException for a handle that is not one, or names an unknown queue, or a task
   *     unknown or no longer running
   */
  public long cancel(String taskHandle) {
    if (taskHandle == null || taskHandle.isEmpty()) {
      throw missing("TaskHandle");
    }
    String[] parts = decode(taskHandle);
    url(parts[1]).orElseThrow(() -> notFound("SourceArn"));
    // A task that no longer runs has no handle in AWS's listings: its handle names no task.
    Task task =
        tasksBySource.getOrDefault(parts[1], List.of()).stream()
            .filter(t -> t.handle.equals(taskHandle))
            .filter(Task::cancelling)
            .findFirst()
            .orElseThrow(() ->
                new MoveTaskException(404, "ResourceNotFoundException", "Task does not exist."));
    return task.moved.get();
  }

  /** Stops the running tasks where they are (the local cloud is stopping). */
  @Override
  public void close() {
    closed = true;
  }

  /** The URLs of the queues whose redrive policy names {@code arn} as their dead-letter queue. */
  private List<String> deadLetterSources(String arn) {
    List<String> sources = new ArrayList<>();
    for (String url : sqs.listQueues().queueUrls()) {
      String policy =
          sqs.getQueueAttributes(
                  r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
              .attributes()
              .get(QueueAttributeName.REDRIVE_POLICY);
      if (policy != null && arn.equals(deadLetterTarget(policy))) {
        sources.add(url);
      }
    }
    return sources;
  }

  private static String deadLetterTarget(String redrivePolicy) {
    try {
      return AwsJson.MAPPER.readTree(redrivePolicy).path("deadLetterTargetArn").asText(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * The URL of the queue whose ARN is {@code arn}; empty for none. The queue is looked up by the
   * ARN's last part, and then must have that very ARN: a bare name, or the ARN of another region or
   * account, names no queue here (AWS answers such a queue ResourceNotFoundException, as for any
   * queue that does not exist), rather than a queue that only shares its name.
   */
  private Optional<String> url(String arn) {
    try {
      String url = sqs.getQueueUrl(r -> r.queueName(name(arn))).queueUrl();
      String actual =
          sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      return arn.equals(actual) ? Optional.of(url) : Optional.empty();
    } catch (QueueDoesNotExistException e) {
      return Optional.empty();
    }
  }

  private static String name(String arn) {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  /** A handle carries its task id and source ARN (as AWS's do), so cancel can tell which is bad. */
  private static String handle(String taskId, String sourceArn) {
    String json =
        AwsJson.MAPPER
            .createObjectNode()
            .put("taskId", taskId)
            .put("sourceArn", sourceArn)
            .toString();
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String handle) {
    try {
      JsonNode json =
          AwsJson.MAPPER.readTree(
              new String(Base64.getDecoder().decode(handle), StandardCharsets.UTF_8));
      String taskId = json.path("taskId").asText("");
      String sourceArn = json.path("sourceArn").asText("");
      if (!taskId.isEmpty() && sourceArn.startsWith("arn:")) {
        return new String[] {taskId, sourceArn};
      }
    } catch (IllegalArgumentException | java.io.IOException e) {
      // not a handle: answered below
    }
    throw invalid("TaskHandle");
  }

  private static MoveTaskException missing(String parameter) {
    return new MoveTaskException(
        400, "MissingParameter", "The request must contain the parameter " + parameter + ".");
  }

  private static MoveTaskException invalid(String parameter) {
    return new MoveTaskException(
        400, "InvalidParameterValue", "Value for parameter " + parameter + " is invalid.");
  }

  private static MoveTaskException notFound(String parameter) {
    return new MoveTaskException(
        404,
        "ResourceNotFoundException",
        "The resource that you specified for the " + parameter + " parameter doesn't exist.");
  }

  private final class Task {
    private final String handle;
    private final String sourceArn;
    private final String sourceUrl;
    private final String destinationArn;
    private final String destinationUrl;
    private final Integer maxPerSecond;
    private final String onlySourceUrl;
    private final long toMove;
    private final long startedMillis;
    private final AtomicLong moved = new AtomicLong();
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private Status status = Status.RUNNING;
    private String failureReason;

    Task(
        String handle,
        String sourceArn,
        String sourceUrl,
        String destinationArn,
        String destinationUrl,
        Integer maxPerSecond,
        String onlySourceUrl,
        long toMove,
        long startedMillis) {
      this.handle = handle;
      this.sourceArn = sourceArn;
      this.sourceUrl = sourceUrl;
      this.destinationArn = destinationArn;
      this.destinationUrl = destinationUrl;
      this.maxPerSecond = maxPerSecond;
      this.onlySourceUrl = onlySourceUrl;
      this.toMove = toMove;
      this.startedMillis = startedMillis;
    }

    /** Marks a running task cancelling; false if it no longer runs. */
    synchronized boolean cancelling() {
      if (status != Status.RUNNING) {
        return false;
      }
      status = Status.CANCELLING;
      return true;
    }

    synchronized boolean active() {
      return status == Status.RUNNING || status == Status.CANCELLING;
    }

    synchronized Listing listing() {
      return new Listing(
          status == Status.RUNNING ? handle : null,
          status,
          sourceArn,
          destinationArn,
          maxPerSecond,
          moved.get(),
          toMove,
          failureReason,
          startedMillis);
    }

    void run() {
      long intervalNanos = maxPerSecond == null ? 0 : 1_000_000_000L / maxPerSecond;
      long next = System.nanoTime();
      try {
        while (moved.get() < toMove && !stopping()) {
          int batch = (int) Math.min(RECEIVE_BATCH, toMove - moved.get());
          List<Message> messages =
              sqs.receiveMessage(r ->
                      r.queueUrl(sourceUrl)
                          .maxNumberOfMessages(maxPerSecond == null ? batch : 1)
                          .visibilityTimeout(MOVE_VISIBILITY_SECONDS)
                          .messageSystemAttributeNamesWithStrings("All")
                          .messageAttributeNames("All"))
                  .messages();
          if (messages.isEmpty()) {
            break;
          }
          for (int i = 0; i < messages.size(); i++) {
            if (stopping()) {
              release(messages.subList(i, messages.size()));
              break;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(Duration.ofNanos(wait));
            }
            move(messages.get(i));
            next = Math.max(next, System.nanoTime()) + intervalNanos;
          }
        }
        finish(null);
      } catch (QueueDoesNotExistException e) {
        finish("AWS.SimpleQueueService.NonExistentQueue");
      } catch (SdkException e) {
        finish(e.getClass().getSimpleName() + ": " + e.getMessage());
      } catch (IllegalStateException e) {
        finish(e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finish("Interrupted");
      }
    }

    private boolean stopping() {
      synchronized (this) {
        return closed || status == Status.CANCELLING;
      }
    }

    private void move(Message message) {
      Map<MessageSystemAttributeName, String> system = message.attributes();
      String target = destinationUrl;
      if (target == null) {
        String origin = system.get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN);
        if (origin != null) {
          target =
              urls.computeIfAbsent(
                  origin, arn -> sqs.getQueueUrl(r -> r.queueName(name(arn))).queueUrl());
        } else if (onlySourceUrl != null) {
          // Sent to the dead-letter queue directly: its one source queue is where it belongs.
          target = onlySourceUrl;
        } else {
          release(List.of(message));
          throw new IllegalStateException(
              "Message "
                  + message.messageId()
                  + " was not dead-lettered from a queue, and the dead-letter queue has several"
                  + " sources: give a DestinationArn");
        }
      }
      SendMessageRequest.Builder send =
          SendMessageRequest.builder()
              .queueUrl(target)
              .messageBody(message.body())
              .messageAttributes(message.messageAttributes());
      if (target.endsWith(".fifo")) {
        send.messageGroupId(system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
            .messageDeduplicationId(
                system.getOrDefault(
                    MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, message.messageId()));
      }
      try {
        sqs.sendMessage(send.build());
      } catch (QueueDoesNotExistException e) {
        release(List.of(message));
        throw e;
      }
      sqs.deleteMessage(r -> r.queueUrl(sourceUrl).receiptHandle(message.receiptHandle()));
      moved.incrementAndGet();
    }

    /** Makes received messages visible again at once: they stay in the source. */
    private void release(List<Message> messages) {
      for (Message message : messages) {
        try {
          sqs.changeMessageVisibility(r ->
              r.queueUrl(sourceUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        } catch (SdkException e) {
          // it becomes visible when its 30 s end
        }
      }
    }

    private synchronized void finish(String failure) {
      if (failure != null) {
        status = Status.FAILED;
        failureReason = failure;
      } else {
        status = status == Status.CANCELLING || closed ? Status.CANCELLED : Status.COMPLETED;
      }
    }
  }
}
