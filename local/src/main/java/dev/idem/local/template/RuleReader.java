package dev.idem.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code AWS::Events::Rule} with its targets, and the target settings SAM's rule events
 * share.
 */
final class RuleReader {

  static final String TYPE = "AWS::Events::Rule";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceIds ids;
  private final NotEmulated notes;
  private final FunctionRefs refs;

  RuleReader(ResourceIds ids, NotEmulated notes) {
    this(ids, notes, null);
  }

  /** A reader that names the rule targets that are functions of no template here ({@code refs}). */
  RuleReader(ResourceIds ids, NotEmulated notes, FunctionRefs refs) {
    this.ids = ids;
    this.notes = notes;
    this.refs = refs;
  }

  /** The rule's spec; what it does not read is reported. */
  RuleSpec read(Resource resource, Props props) {
    props.ignore("Name", "Description");
    String bus = props.string("EventBusName", "default");
    String schedule =
        schedule(props.string("ScheduleExpression"), resource.logicalId() + ".ScheduleExpression");
    List<RuleSpec.Target> targets = new ArrayList<>();
    for (Props target : props.children("Targets")) {
      targets.add(target(target));
    }
    RuleSpec rule =
        new RuleSpec(
            resource.logicalId(),
            bus.substring(bus.lastIndexOf('/') + 1),
            ids.ref(resource.logicalId()),
            pattern(props, "EventPattern"),
            schedule,
            props.string("State", "ENABLED"),
            props.string("Description"),
            targets);
    props.reportUnread(notes);
    return rule;
  }

  private RuleSpec.Target target(Props target) {
    Props deadLetter = target.child("DeadLetterConfig");
    Props sqs = target.child("SqsParameters");
    RuleSpec.Target spec =
        new RuleSpec.Target(
            target.required("Id"),
            target.required("Arn"),
            deadLetter == null ? null : deadLetter.string("Arn"),
            target.string("Input"),
            target.string("InputPath"),
            sqs == null ? null : sqs.string("MessageGroupId"),
            inputTransformer(target.child("InputTransformer")),
            retryPolicy(target.child("RetryPolicy")));
    target.reportUnread(notes);
    if (!spec.arn().startsWith("arn:aws:sqs:") && !spec.arn().startsWith("arn:aws:lambda:")) {
      notes.property(
          target.where(),
          "targets other than SQS queues and Lambda functions (" + spec.arn() + ")");
    } else if (spec.arn().startsWith("arn:aws:lambda:")
        && refs != null
        && refs.find(spec.arn(), target.where() + ".Arn").isEmpty()) {
      notes.property(
          target.where(), "targets that are functions of another stack (" + spec.arn() + ")");
    }
    return spec;
  }

  /**
   * The schedule expression as written, once it reads as AWS reads it; null stays null.
   *
   * @throws TemplateException naming {@code where} when it does not
   */
  static String schedule(String expression, String where) {
    if (expression == null) {
      return null;
    }
    try {
      dev.idem.local.schedule.ScheduleExpression.parse(expression);
      return expression;
    } catch (IllegalArgumentException e) {
      throw new TemplateException(where + ": " + e.getMessage(), e);
    }
  }

  RuleSpec.InputTransformer inputTransformer(Props block) {
    if (block == null) {
      return null;
    }
    Props paths = block.child("InputPathsMap");
    RuleSpec.InputTransformer transformer =
        new RuleSpec.InputTransformer(
            paths == null ? Map.of() : paths.stringMap(), block.required("InputTemplate"));
    block.reportUnread(notes);
    return transformer;
  }

  RuleSpec.RetryPolicy retryPolicy(Props block) {
    if (block == null) {
      return null;
    }
    RuleSpec.RetryPolicy policy =
        new RuleSpec.RetryPolicy(
            block.integer("MaximumRetryAttempts"), block.integer("MaximumEventAgeInSeconds"));
    block.reportUnread(notes);
    return policy;
  }

  static String pattern(Props props, String key) {
    Object pattern = props.value(key);
    if (pattern == null) {
      return null;
    }
    String where = props.where() + "." + key;
    try {
      Object tree = pattern instanceof String text ? JSON.readValue(text, Map.class) : pattern;
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new TemplateException(where + " is not a JSON object: " + e.getOriginalMessage(), e);
    }
  }
}
