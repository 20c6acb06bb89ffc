package dev.idem.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * The properties an SQS or DynamoDB stream event source mapping shares between SAM's {@code SQS}
 * and {@code DynamoDB} events and {@code AWS::Lambda::EventSourceMapping}: batching, scaling,
 * failure handling, {@code FilterCriteria} and {@code Enabled}.
 */
final class MappingProps {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NotEmulated notes;

  MappingProps(NotEmulated notes) {
    this.notes = notes;
  }

  /** An SQS mapping named {@code name} on {@code queueArn}. */
  SqsEvent sqs(String name, String queueArn, Props props) {
    Props scaling = props.child("ScalingConfig");
    SqsEvent event =
        new SqsEvent(
            name,
            queueArn,
            props.integer("BatchSize", 10),
            Duration.ofSeconds(props.integer("MaximumBatchingWindowInSeconds", 0)),
            reportsItemFailures(props),
            scaling == null ? null : scaling.integer("MaximumConcurrency"),
            props.bool("Enabled", true),
            filters(props));
    if (scaling != null) {
      scaling.reportUnread(notes);
    }
    return event;
  }

  /** A stream mapping named {@code name} on {@code streamArn}. */
  StreamEvent stream(String name, String streamArn, Props props) {
    return new StreamEvent(
        name,
        streamArn,
        props.required("StartingPosition"),
        props.integer("BatchSize", 100),
        Duration.ofSeconds(props.integer("MaximumBatchingWindowInSeconds", 0)),
        props.integer("MaximumRetryAttempts", -1),
        props.integer("MaximumRecordAgeInSeconds", -1),
        props.bool("BisectBatchOnFunctionError", false),
        reportsItemFailures(props),
        onFailure(props),
        props.bool("Enabled", true),
        filters(props));
  }

  private static boolean reportsItemFailures(Props props) {
    return props.strings("FunctionResponseTypes").contains("ReportBatchItemFailures");
  }

  private String onFailure(Props props) {
    Props destination = props.child("DestinationConfig");
    Props onFailure = destination == null ? null : destination.child("OnFailure");
    String arn = null;
    if (onFailure != null) {
      onFailure.ignore("Type");
      arn = onFailure.string("Destination");
      onFailure.reportUnread(notes);
    }
    if (destination != null) {
      destination.reportUnread(notes);
    }
    return arn;
  }

  /**
   * {@code FilterCriteria.Filters[].Pattern}: JSON text (or, in YAML, a mapping), each an
   * event-ruler pattern as Lambda's event filtering takes it.
   *
   * @throws TemplateException naming the pattern when it is not one
   */
  private List<String> filters(Props props) {
    Props criteria = props.child("FilterCriteria");
    if (criteria == null) {
      return List.of();
    }
    List<String> patterns = new ArrayList<>();
    for (Props filter : criteria.children("Filters")) {
      patterns.add(pattern(filter));
      filter.reportUnread(notes);
    }
    criteria.reportUnread(notes);
    return patterns;
  }

  private static String pattern(Props filter) {
    Object value = filter.value("Pattern");
    String where = filter.where() + ".Pattern";
    String pattern;
    try {
      pattern = value instanceof String text ? text : JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new TemplateException(where + " cannot be written as JSON", e);
    }
    if (value == null) {
      throw new TemplateException(filter.where() + ": Pattern is required");
    }
    String problem = JsonRuleCompiler.check(pattern);
    if (problem != null) {
      throw new TemplateException(where + " is not an event filter pattern: " + problem);
    }
    return pattern;
  }
}
