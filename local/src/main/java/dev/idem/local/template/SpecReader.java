package dev.idem.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a template's resources into typed specs, collecting what is not emulated. */
final class SpecReader {

  static final String TABLE = "AWS::DynamoDB::Table";
  static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
  static final String QUEUE = "AWS::SQS::Queue";
  static final String BUS = "AWS::Events::EventBus";
  static final String RULE = "AWS::Events::Rule";
  static final String FUNCTION = "AWS::Serverless::Function";
  static final String API = "AWS::Serverless::Api";

  private static final Set<String> PROVISIONED = Set.of(TABLE, SIMPLE_TABLE, QUEUE, BUS, RULE);
  private static final Set<String> TRANSFORMS =
      Set.of("AWS::Serverless-2016-10-31", "AWS::LanguageExtensions");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;
  private final Intrinsics intrinsics;
  private final ApiReader apis;

  SpecReader(Template template, ResourceIds ids, NotEmulated notes) {
    this.template = template;
    this.ids = ids;
    this.notes = notes;
    this.intrinsics = new Intrinsics(template, ids, notes);
    this.apis = new ApiReader(template, ids, notes, intrinsics);
  }

  static boolean isProvisioned(String type) {
    return PROVISIONED.contains(type);
  }

  static boolean isEmulated(String type) {
    return PROVISIONED.contains(type) || type.equals(FUNCTION) || type.equals(API);
  }

  StackSpec read() {
    reportTransforms();
    List<ResourceSpec> specs = new ArrayList<>();
    for (Resource resource : template.resources()) {
      spec(resource).ifPresent(specs::add);
    }
    return new StackSpec(
        only(specs, FunctionSpec.class),
        only(specs, TableSpec.class),
        only(specs, QueueSpec.class),
        only(specs, EventBusSpec.class),
        only(specs, RuleSpec.class),
        outputs(),
        notes);
  }

  Optional<ResourceSpec> spec(Resource resource) {
    Props props = new Props(resource.properties(), resource.logicalId(), intrinsics);
    ResourceSpec spec =
        switch (resource.type()) {
          case FUNCTION -> new FunctionReader(template, ids, notes, apis).function(resource, props);
          case TABLE -> table(resource, props);
          case SIMPLE_TABLE -> simpleTable(resource, props);
          case QUEUE -> queue(resource, props);
          case BUS -> {
            props.ignore("Name", "Description");
            yield new EventBusSpec(resource.logicalId(), ids.ref(resource.logicalId()));
          }
          case RULE -> rule(resource, props);
          case API -> {
            apis.api(props);
            yield null;
          }
          default -> {
            notes.resource(resource.logicalId(), resource.type());
            yield null;
          }
        };
    if (spec != null || resource.type().equals(API)) {
      props.reportUnread(notes);
    }
    return Optional.ofNullable(spec);
  }

  private TableSpec table(Resource resource, Props props) {
    props.ignore("TableName");
    List<TableSpec.Attribute> attributes = new ArrayList<>();
    for (Props definition : props.children("AttributeDefinitions")) {
      attributes.add(
          new TableSpec.Attribute(
              definition.required("AttributeName"), definition.required("AttributeType")));
    }
    Props stream = props.child("StreamSpecification");
    Props ttl = props.child("TimeToLiveSpecification");
    String ttlAttribute =
        ttl != null && ttl.bool("Enabled", false) ? ttl.required("AttributeName") : null;
    return new TableSpec(
        resource.logicalId(),
        ids.ref(resource.logicalId()),
        attributes,
        keys(props.children("KeySchema")),
        props.string("BillingMode", "PROVISIONED"),
        throughput(props.child("ProvisionedThroughput")),
        indexes(props.children("GlobalSecondaryIndexes"), true),
        indexes(props.children("LocalSecondaryIndexes"), false),
        stream == null ? null : stream.required("StreamViewType"),
        ttlAttribute);
  }

  private TableSpec simpleTable(Resource resource, Props props) {
    props.ignore("TableName");
    Props primary = props.child("PrimaryKey");
    String name = primary == null ? "id" : primary.string("Name", "id");
    String type = primary == null ? "String" : primary.string("Type", "String");
    TableSpec.Throughput throughput = throughput(props.child("ProvisionedThroughput"));
    return new TableSpec(
        resource.logicalId(),
        ids.ref(resource.logicalId()),
        List.of(new TableSpec.Attribute(name, type.substring(0, 1))),
        List.of(new TableSpec.Key(name, "HASH")),
        throughput == null ? "PAY_PER_REQUEST" : "PROVISIONED",
        throughput,
        List.of(),
        List.of(),
        null,
        null);
  }

  private static List<TableSpec.Key> keys(List<Props> elements) {
    List<TableSpec.Key> keys = new ArrayList<>();
    for (Props element : elements) {
      keys.add(new TableSpec.Key(element.required("AttributeName"), element.required("KeyType")));
    }
    keys.sort(Comparator.comparing(key -> key.keyType().equals("HASH") ? 0 : 1));
    return keys;
  }

  private List<TableSpec.Index> indexes(List<Props> blocks, boolean global) {
    List<TableSpec.Index> indexes = new ArrayList<>();
    for (Props index : blocks) {
      Props projection = index.child("Projection");
      indexes.add(
          new TableSpec.Index(
              index.required("IndexName"),
              keys(index.children("KeySchema")),
              projection == null ? "ALL" : projection.string("ProjectionType", "ALL"),
              projection == null ? List.of() : projection.strings("NonKeyAttributes"),
              global ? throughput(index.child("ProvisionedThroughput")) : null));
      if (projection != null) {
        projection.reportUnread(notes);
      }
      index.reportUnread(notes);
    }
    return indexes;
  }

  private static TableSpec.Throughput throughput(Props block) {
    if (block == null) {
      return null;
    }
    return new TableSpec.Throughput(
        block.integer("ReadCapacityUnits", 1), block.integer("WriteCapacityUnits", 1));
  }

  private QueueSpec queue(Resource resource, Props props) {
    props.ignore("QueueName");
    return new QueueSpec(
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

  private RuleSpec rule(Resource resource, Props props) {
    props.ignore("Name", "Description");
    String bus = props.string("EventBusName", "default");
    String schedule = props.string("ScheduleExpression");
    if (schedule != null) {
      notes.property(
          resource.logicalId() + ".ScheduleExpression",
          "ScheduleExpression (schedules do not fire)");
    }
    List<RuleSpec.Target> targets = new ArrayList<>();
    for (Props target : props.children("Targets")) {
      targets.add(target(target));
    }
    return new RuleSpec(
        resource.logicalId(),
        bus.substring(bus.lastIndexOf('/') + 1),
        ids.ref(resource.logicalId()),
        pattern(props),
        schedule,
        props.string("State", "ENABLED"),
        props.string("Description"),
        targets);
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
            sqs == null ? null : sqs.string("MessageGroupId"));
    target.reportUnread(notes);
    if (!spec.arn().startsWith("arn:aws:sqs:")) {
      notes.property(target.where(), "targets other than SQS queues (" + spec.arn() + ")");
    }
    return spec;
  }

  private String pattern(Props props) {
    Object pattern = props.value("EventPattern");
    if (pattern == null) {
      return null;
    }
    Object tree =
        pattern instanceof String text
            ? parseObject(text, props.where() + ".EventPattern")
            : pattern;
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new TemplateException(props.where() + ".EventPattern cannot be written as JSON", e);
    }
  }

  private Map<String, String> outputs() {
    Map<String, String> outputs = new LinkedHashMap<>();
    template
        .outputs()
        .forEach((name, body) -> {
          Object value = body instanceof Map<?, ?> map ? map.get("Value") : null;
          outputs.put(name, intrinsics.resolveString(value, "Outputs." + name));
        });
    return outputs;
  }

  private void reportTransforms() {
    Object transform = template.transform();
    List<?> all =
        transform instanceof List<?> list
            ? list
            : transform == null ? List.of() : List.of(transform);
    all.stream()
        .map(String::valueOf)
        .filter(name -> !TRANSFORMS.contains(name))
        .forEach(name -> notes.property("Transform", "Transform " + name));
  }

  private static Map<?, ?> parseObject(String json, String where) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new TemplateException(where + " is not a JSON object: " + e.getOriginalMessage(), e);
    }
  }

  private static <T> List<T> only(List<ResourceSpec> specs, Class<T> type) {
    return specs.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
