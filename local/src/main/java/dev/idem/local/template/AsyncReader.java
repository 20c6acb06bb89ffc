package dev.idem.local.template;

/**
 * Reads how a function's asynchronous invocations are handled: SAM's {@code EventInvokeConfig} and
 * {@code DeadLetterQueue}, CloudFormation's {@code DeadLetterConfig} and {@code
 * AWS::Lambda::EventInvokeConfig}. SNS destinations and dead-letter topics, and destinations SAM
 * would create (a {@code Type} without a {@code Destination}), are reported as not emulated.
 */
final class AsyncReader {

  static final String EVENT_INVOKE_CONFIG = "AWS::Lambda::EventInvokeConfig";

  private final NotEmulated notes;

  AsyncReader(NotEmulated notes) {
    this.notes = notes;
  }

  /** A SAM function's {@code EventInvokeConfig} and {@code DeadLetterQueue}. */
  InvokeConfig sam(Props function) {
    Props config = function.child("EventInvokeConfig");
    InvokeConfig read = config == null ? InvokeConfig.DEFAULT : invokeConfig(config);
    Props queue = function.child("DeadLetterQueue");
    if (queue == null) {
      return read;
    }
    String type = queue.required("Type");
    String arn = queue.required("TargetArn");
    queue.reportUnread(notes);
    if (!type.equals("SQS")) {
      notes.property(queue.where(), "DeadLetterQueue of Type " + type + " (only SQS)");
      return read;
    }
    return read.withDeadLetter(arn);
  }

  /** A CloudFormation function's {@code DeadLetterConfig}. */
  InvokeConfig cloudFormation(Props function) {
    Props config = function.child("DeadLetterConfig");
    if (config == null) {
      return InvokeConfig.DEFAULT;
    }
    String arn = config.string("TargetArn");
    config.reportUnread(notes);
    return InvokeConfig.DEFAULT.withDeadLetter(deadLetterQueue(arn, config.where()));
  }

  /** Attaches an {@code AWS::Lambda::EventInvokeConfig} to its function. */
  void resource(Resource resource, Props props, FunctionRefs refs, Attachments attached) {
    String function = props.required("FunctionName");
    props.ignore("Qualifier");
    FunctionRefs.Target target =
        refs.find(function, resource.logicalId() + ".FunctionName").orElse(null);
    InvokeConfig config = invokeConfig(props);
    if (target == null) {
      notes.resource(
          resource.logicalId(), resource.type() + " (of " + function + ", no function here)");
      return;
    }
    attached.attachInvokeConfig(target.logicalId(), config);
  }

  private InvokeConfig invokeConfig(Props props) {
    Integer retries = props.integer("MaximumRetryAttempts");
    Integer age = props.integer("MaximumEventAgeInSeconds");
    if (retries != null && (retries < 0 || retries > 2)) {
      throw new TemplateException(
          props.where() + ".MaximumRetryAttempts " + retries + " is outside 0..2");
    }
    if (age != null && (age < 60 || age > 21_600)) {
      throw new TemplateException(
          props.where() + ".MaximumEventAgeInSeconds " + age + " is outside 60..21600");
    }
    Props destinations = props.child("DestinationConfig");
    String onSuccess = null;
    String onFailure = null;
    if (destinations != null) {
      onSuccess = destination(destinations.child("OnSuccess"));
      onFailure = destination(destinations.child("OnFailure"));
      destinations.reportUnread(notes);
    }
    props.reportUnread(notes);
    return new InvokeConfig(retries, age, onSuccess, onFailure, null);
  }

  /** A destination's ARN; null (and reported) for SNS or one SAM would create. */
  private String destination(Props destination) {
    if (destination == null) {
      return null;
    }
    String arn = destination.string("Destination");
    destination.ignore("Type");
    destination.reportUnread(notes);
    if (arn == null) {
      notes.property(
          destination.where(), "destinations SAM creates (a Type without a Destination)");
      return null;
    }
    if (arn.startsWith("arn:aws:sns:")) {
      notes.property(destination.where(), "SNS destinations");
      return null;
    }
    if (!arn.startsWith("arn:aws:sqs:")
        && !arn.startsWith("arn:aws:lambda:")
        && !arn.startsWith("arn:aws:events:")) {
      throw new TemplateException(
          destination.where()
              + ".Destination "
              + arn
              + " is no SQS queue, Lambda function or EventBridge bus ARN");
    }
    return arn;
  }

  private String deadLetterQueue(String arn, String where) {
    if (arn == null || arn.isBlank()) {
      return null;
    }
    if (!arn.startsWith("arn:aws:sqs:")) {
      notes.property(where, "dead-letter topics (only SQS queues)");
      return null;
    }
    return arn;
  }
}
