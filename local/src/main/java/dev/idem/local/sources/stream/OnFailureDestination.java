package dev.idem.local.sources.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.sources.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Reports a batch given up on to the mapping's OnFailure queue, in the shape Lambda sends: the
 * records themselves are not included, only where they are in the stream.
 *
 * @param <R> the service's record type
 */
final class OnFailureDestination<R> {

  static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";
  static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

  private static final System.Logger LOG = System.getLogger(OnFailureDestination.class.getName());

  private final StreamSourceConfig config;
  private final StreamRecords<R> shape;
  private final SqsClient sqs;
  private final Clock clock;
  private volatile String queueUrl;

  OnFailureDestination(
      StreamSourceConfig config, StreamRecords<R> shape, SqsClient sqs, Clock clock) {
    this.config = config;
    this.shape = shape;
    this.sqs = sqs;
    this.clock = clock;
  }

  /**
   * Sends the report; a failure to send is logged (the batch stays given up on).
   *
   * @param lastResult the last invocation's result, or null when the records never reached the
   *     function
   */
  void send(
      String shardId,
      List<R> records,
      String condition,
      int invokeCount,
      InvocationResult lastResult) {
    if (config.onFailureDestinationArn() == null) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Stream source of {0}: {1} records of shard {2} discarded ({3}); no OnFailure destination",
          config.functionName(),
          records.size(),
          shardId,
          condition);
      return;
    }
    String body = message(shardId, records, condition, invokeCount, lastResult).toString();
    try {
      sqs.sendMessage(request -> request.queueUrl(queueUrl()).messageBody(body));
    } catch (SdkException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Stream source of "
              + config.functionName()
              + ": the OnFailure report could not be sent: "
              + body,
          e);
    }
  }

  ObjectNode message(
      String shardId,
      List<R> records,
      String condition,
      int invokeCount,
      InvocationResult lastResult) {
    ObjectNode message = Json.MAPPER.createObjectNode();
    ObjectNode request = message.putObject("requestContext");
    request.put("requestId", UUID.randomUUID().toString());
    request.put("functionArn", config.functionArn());
    request.put("condition", condition);
    request.put("approximateInvokeCount", invokeCount);
    if (lastResult != null) {
      ObjectNode response = message.putObject("responseContext");
      response.put("statusCode", 200);
      response.put("executedVersion", "$LATEST");
      if (lastResult.status() == InvocationResult.Status.FUNCTION_ERROR) {
        response.put("functionError", "Unhandled");
      }
    }
    message.put("version", "1.0");
    message.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    batchInfo(message.putObject(shape.batchInfoField()), shardId, records);
    return message;
  }

  private void batchInfo(ObjectNode info, String shardId, List<R> records) {
    R first = records.get(0);
    R last = records.get(records.size() - 1);
    info.put("shardId", shardId);
    info.put("startSequenceNumber", shape.sequenceNumber(first));
    info.put("endSequenceNumber", shape.sequenceNumber(last));
    info.put("approximateArrivalOfFirstRecord", arrival(first));
    info.put("approximateArrivalOfLastRecord", arrival(last));
    info.put("batchSize", records.size());
    info.put("streamArn", config.streamArn());
  }

  private String arrival(R record) {
    Instant created = shape.arrival(record);
    return created == null ? null : created.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private String queueUrl() {
    if (queueUrl == null) {
      String arn = config.onFailureDestinationArn();
      String name = arn.substring(arn.lastIndexOf(':') + 1);
      queueUrl = sqs.getQueueUrl(request -> request.queueName(name)).queueUrl();
    }
    return queueUrl;
  }
}
