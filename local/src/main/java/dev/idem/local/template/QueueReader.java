package dev.idem.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Reads {@code AWS::SQS::Queue}. */
final class QueueReader {

  static final String QUEUE = "AWS::SQS::Queue";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceIds ids;
  private final NotEmulated notes;
  private final Intrinsics intrinsics;

  QueueReader(ResourceIds ids, NotEmulated notes, Intrinsics intrinsics) {
    this.ids = ids;
    this.notes = notes;
    this.intrinsics = intrinsics;
  }

  /** The queue's spec; what it does not read is reported. */
  QueueSpec read(Resource resource, Props props) {
    props.ignore("QueueName");
    QueueSpec queue =
        new QueueSpec(
            resource.logicalId(),
            ids.getAtt(resource.logicalId(), "QueueName"),
            props.bool("FifoQueue", false),
            props.bool("ContentBasedDeduplication", false),
            props.seconds("VisibilityTimeout"),
            props.seconds("MessageRetentionPeriod"),
            props.seconds("DelaySeconds"),
            props.seconds("ReceiveMessageWaitTimeSeconds"),
            props.integer("MaximumMessageSize"),
            redrive(props));
    props.reportUnread(notes);
    return queue;
  }

  private QueueSpec.Redrive redrive(Props props) {
    Object policy = props.value("RedrivePolicy");
    if (policy == null) {
      return null;
    }
    Map<?, ?> map =
        policy instanceof Map<?, ?> m ? m : parseObject(String.valueOf(policy), props.where());
    Props redrive = new Props(map, props.where() + ".RedrivePolicy", intrinsics);
    return new QueueSpec.Redrive(
        redrive.required("deadLetterTargetArn"), redrive.integer("maxReceiveCount", 10));
  }

  private static Map<?, ?> parseObject(String json, String where) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new TemplateException(where + " is not a JSON object: " + e.getOriginalMessage(), e);
    }
  }
}
