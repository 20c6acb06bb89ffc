package dev.idem.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsClients;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends asynchronous invocation records and dead letters where their ARN points: an SQS queue (the
 * record as the message body), a Lambda function (the record as its event, invoked asynchronously)
 * or an EventBridge bus (a {@code Lambda Function Invocation Result - Success} or {@code - Failure}
 * event from source {@code lambda} whose detail is the record and whose resources are the function
 * and the bus), as "Capturing records of Lambda asynchronous invocations" (AWS Lambda Developer
 * Guide) describes.
 */
public final class ArnDestinations implements AsyncDestinations {

  private final AwsClients clients;
  private final Function<String, String> queueUrls;
  private final AsyncInvoker async;

  /** Sends through {@code clients}; records for a Lambda function go to {@code async}'s queue. */
  public ArnDestinations(AwsClients clients, AsyncInvoker async) {
    this.clients = clients;
    this.queueUrls = clients.queueUrls();
    this.async = async;
  }

  @Override
  public void record(String arn, ObjectNode record, boolean success) {
    String[] parts = arn.split(":");
    switch (parts.length > 2 ? parts[2] : "") {
      case "sqs" ->
          clients
              .sqs()
              .sendMessage(r -> r.queueUrl(queueUrls.apply(arn)).messageBody(record.toString()));
      case "lambda" -> async.submit(parts[6], record.toString().getBytes(StandardCharsets.UTF_8));
      case "events" ->
          clients
              .events()
              .putEvents(r ->
                  r.entries(e ->
                      e.eventBusName(arn)
                          .source("lambda")
                          .detailType(
                              "Lambda Function Invocation Result - "
                                  + (success ? "Success" : "Failure"))
                          .resources(
                              record.path("requestContext").path("functionArn").asText(), arn)
                          .detail(record.toString())));
      default -> throw new IllegalArgumentException("Not a destination emulated here: " + arn);
    }
  }

  @Override
  public void deadLetter(String arn, byte[] event, DeadLetter attributes) {
    clients
        .sqs()
        .sendMessage(r ->
            r.queueUrl(queueUrls.apply(arn))
                .messageBody(new String(event, StandardCharsets.UTF_8))
                .messageAttributes(
                    Map.of(
                        "RequestID", text("String", attributes.requestId()),
                        "ErrorCode", text("Number", Integer.toString(attributes.errorCode())),
                        "ErrorMessage", text("String", attributes.errorMessage()))));
  }

  private static MessageAttributeValue text(String type, String value) {
    return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
  }
}
