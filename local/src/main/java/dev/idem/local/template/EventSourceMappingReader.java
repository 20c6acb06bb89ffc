package dev.idem.local.template;

/**
 * Reads {@code AWS::Lambda::EventSourceMapping}: a mapping from an SQS queue or a DynamoDB stream
 * to a function of the template (named as a function, an alias or a version), with the same
 * properties as SAM's {@code SQS} and {@code DynamoDB} events. Mappings from other sources
 * (Kinesis, Kafka, MQ, DocumentDB) are reported as not emulated.
 */
final class EventSourceMappingReader {

  static final String TYPE = "AWS::Lambda::EventSourceMapping";

  private final NotEmulated notes;
  private final FunctionRefs refs;
  private final MappingProps mappings;

  EventSourceMappingReader(NotEmulated notes, FunctionRefs refs) {
    this.notes = notes;
    this.refs = refs;
    this.mappings = new MappingProps(notes);
  }

  /**
   * Attaches the mapping to its function.
   *
   * @throws TemplateException when a property cannot be resolved or has the wrong shape
   */
  void read(Resource resource, Props props, Attachments attached) {
    String id = resource.logicalId();
    String source = props.string("EventSourceArn");
    String function = props.required("FunctionName");
    FunctionRefs.Target target = refs.find(function, id + ".FunctionName").orElse(null);
    if (target == null) {
      notes.resource(id, resource.type() + " (to " + function + ", no function of the template)");
      return;
    }
    FunctionEvent event = event(id, source, props);
    if (event == null) {
      notes.resource(id, resource.type() + " (from " + source + ": only SQS and DynamoDB streams)");
      return;
    }
    props.reportUnread(notes);
    attached.event(target.logicalId(), event);
  }

  private FunctionEvent event(String id, String source, Props props) {
    if (source == null) {
      return null;
    }
    if (source.startsWith("arn:aws:sqs:")) {
      return mappings.sqs(id, source, props);
    }
    if (source.startsWith("arn:aws:dynamodb:") && source.contains("/stream/")) {
      return mappings.stream(id, source, props);
    }
    return null;
  }
}
