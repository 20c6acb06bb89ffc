package dev.idem.infra.parity;

import static dev.idem.infra.support.CfnTemplate.at;
import static dev.idem.infra.support.CfnTemplate.target;

import dev.idem.infra.parity.TemplateModel.EventView;
import dev.idem.infra.parity.TemplateModel.FunctionView;
import dev.idem.infra.support.CfnTemplate;
import dev.idem.infra.support.CfnYaml;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reduces a template to the system it describes, named by role rather than by logical id: functions
 * by handler, tables by the environment variables that name them, queues by what they do (the queue
 * a handler consumes, the dead letters of that queue, a relay's failures...), rules by pattern and
 * target role. Values are normalized (numbers and booleans as text, maps sorted), so SAM and CDK
 * spellings of one setting compare equal.
 */
final class Shapes {

  private final TemplateModel model;
  private final CfnTemplate template;
  private final Map<String, FunctionView> functions;
  private final Map<String, String> tableRoles;
  private final Map<String, String> queueRoles;

  private Shapes(TemplateModel model) {
    this.model = model;
    this.template = model.template();
    this.functions = model.functions();
    this.tableRoles = tableRoles();
    this.queueRoles = new QueueRoles(template, functions.values()).roles();
  }

  static SystemShape of(TemplateModel model) {
    Shapes shapes = new Shapes(model);
    return new SystemShape(
        shapes.functions(),
        shapes.tables(),
        shapes.queues(),
        shapes.rules(),
        shapes.routes(),
        normal(model.api()),
        normal(model.requestValidation()),
        shapes.buses(),
        shapes.outputs());
  }

  private Set<String> outputs() {
    Set<String> names = new TreeSet<>();
    ((Map<?, ?>) template.json().getOrDefault("Outputs", Map.of()))
        .keySet()
        .forEach(name -> names.add(String.valueOf(name)));
    return names;
  }

  // ------------------------------------------------------------------ functions

  private Map<String, Object> functions() {
    Map<String, Object> shapes = new TreeMap<>();
    functions.values().forEach(fn -> shapes.put(fn.handler(), function(fn)));
    return shapes;
  }

  private Object function(FunctionView fn) {
    Map<String, Object> p = fn.properties();
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("runtime", p.get("Runtime"));
    shape.put("architectures", p.get("Architectures"));
    shape.put("memorySize", p.get("MemorySize"));
    shape.put("timeout", p.get("Timeout"));
    shape.put(
        "tracing", p.containsKey("Tracing") ? p.get("Tracing") : at(p, "TracingConfig", "Mode"));
    shape.put("description", p.get("Description"));
    shape.put("environment", environment(p));
    Map<String, Object> logging = new TreeMap<>(asMap(p.get("LoggingConfig")));
    logging.remove("LogGroup");
    shape.put("logging", logging);
    shape.put("logGroup", logGroup(fn.logGroupId()));
    shape.put("provisionedConcurrency", fn.provisionedConcurrency());
    shape.put("eventSources", events(fn.events()));
    shape.put("tableAndBusGrants", grants(fn.policies()));
    return normal(shape);
  }

  private Map<String, Object> environment(Map<String, Object> p) {
    Map<String, Object> environment = new TreeMap<>();
    asMap(at(p, "Environment", "Variables"))
        .forEach((name, value) -> {
          String id = target(value);
          environment.put(name, id == null ? value : "ref:" + template.typeOf(id));
        });
    return environment;
  }

  private Object logGroup(String id) {
    if (id == null) {
      return null;
    }
    Map<?, ?> p = (Map<?, ?>) model.resolver().resolve(template.properties(id));
    return Map.of("name", p.get("LogGroupName"), "retentionInDays", p.get("RetentionInDays"));
  }

  private List<Object> events(List<EventView> events) {
    List<Object> shapes = new ArrayList<>();
    for (EventView event : events) {
      Map<String, Object> shape = new TreeMap<>(event.settings());
      shape.put("type", event.type());
      shape.put(
          "source",
          event.type().equals("SQS")
              ? queueRoles.get(event.sourceId())
              : "stream of " + tableRoles.get(event.sourceId()));
      shape.put("onFailure", queueRoles.get(event.onFailureId()));
      shapes.add(normal(shape));
    }
    shapes.sort(Comparator.comparing(String::valueOf));
    return shapes;
  }

  /** The actions each function may take on tables (by role) and on event buses. */
  private Map<String, Set<String>> grants(List<Map<String, Object>> statements) {
    Map<String, Set<String>> grants = new TreeMap<>();
    for (Map<String, Object> statement : statements) {
      if (!"Allow".equals(statement.get("Effect"))) {
        continue;
      }
      for (Object resource : CfnTemplate.list(statement.get("Resource"))) {
        String role = grantedRole(resource);
        if (role != null) {
          CfnTemplate.list(statement.get("Action"))
              .forEach(a -> grants.computeIfAbsent(role, k -> new TreeSet<>()).add((String) a));
        }
      }
    }
    return grants;
  }

  private String grantedRole(Object resource) {
    String id = target(resource);
    String type = id == null ? null : template.typeOf(id);
    boolean arn =
        "Arn"
            .equals(
                CfnTemplate.list(at(resource, "Fn::GetAtt")).stream()
                    .skip(1)
                    .findFirst()
                    .orElse(null));
    if ("AWS::DynamoDB::Table".equals(type) && arn) {
      return "table " + tableRoles.get(id);
    }
    return "AWS::Events::EventBus".equals(type) ? "event bus" : null;
  }

  // ------------------------------------------------------------------ tables and queues

  private Map<String, String> tableRoles() {
    Map<String, String> roles = new LinkedHashMap<>();
    template
        .ofType("AWS::DynamoDB::Table")
        .forEach((id, table) -> {
          Set<String> names = new TreeSet<>();
          functions
              .values()
              .forEach(fn ->
                  asMap(at(fn.properties(), "Environment", "Variables"))
                      .forEach((name, value) -> {
                        if (id.equals(target(value))) {
                          names.add(name);
                        }
                      }));
          roles.put(id, names.isEmpty() ? "unnamed table " + id : String.join("+", names));
        });
    requireUnique("table", roles);
    return roles;
  }

  private Map<String, Object> tables() {
    Map<String, Object> shapes = new TreeMap<>();
    template
        .ofType("AWS::DynamoDB::Table")
        .forEach((id, table) -> {
          Object p = model.resolver().resolve(CfnTemplate.properties(table));
          Map<String, Object> shape = new LinkedHashMap<>();
          shape.put("keys", at(p, "KeySchema"));
          shape.put("attributes", at(p, "AttributeDefinitions"));
          shape.put("billingMode", at(p, "BillingMode"));
          shape.put("stream", at(p, "StreamSpecification", "StreamViewType"));
          shape.put("timeToLive", at(p, "TimeToLiveSpecification"));
          shape.put("encryption", at(p, "SSESpecification"));
          shape.put("pointInTimeRecovery", at(p, "PointInTimeRecoverySpecification"));
          shape.put("deletionProtection", at(p, "DeletionProtectionEnabled"));
          shape.put("deletionPolicy", table.get("DeletionPolicy"));
          shapes.put(tableRoles.get(id), normal(shape));
        });
    return shapes;
  }

  private Map<String, Object> queues() {
    Map<String, Object> shapes = new TreeMap<>();
    template
        .ofType("AWS::SQS::Queue")
        .forEach((id, queue) -> {
          Object p = model.resolver().resolve(CfnTemplate.properties(queue));
          Map<String, Object> shape = new LinkedHashMap<>();
          shape.put("fifo", Boolean.TRUE.equals(at(p, "FifoQueue")));
          shape.put("visibilityTimeout", at(p, "VisibilityTimeout"));
          shape.put("retentionPeriod", at(p, "MessageRetentionPeriod"));
          shape.put("sqsManagedEncryption", at(p, "SqsManagedSseEnabled"));
          shape.put("kmsKey", at(p, "KmsMasterKeyId") != null);
          shape.put("maxReceiveCount", at(p, "RedrivePolicy", "maxReceiveCount"));
          shape.put(
              "deadLetterQueue",
              queueRoles.get(target(at(p, "RedrivePolicy", "deadLetterTargetArn"))));
          shape.put("deletionPolicy", queue.get("DeletionPolicy"));
          shapes.put(queueRoles.get(id), normal(shape));
        });
    return shapes;
  }

  // ------------------------------------------------------------------ routing and API

  private Set<Object> rules() {
    Set<Object> shapes = new HashSet<>();
    template
        .ofType("AWS::Events::Rule")
        .values()
        .forEach(rule -> {
          Object p = model.resolver().resolve(CfnTemplate.properties(rule));
          Object pattern = at(p, "EventPattern");
          List<Object> targets = new ArrayList<>();
          CfnTemplate.list(at(p, "Targets"))
              .forEach(t ->
                  targets.add(
                      Map.of(
                          "queue", String.valueOf(queueRoles.get(target(at(t, "Arn")))),
                          "retryPolicy", at(t, "RetryPolicy"),
                          "deadLetterQueue",
                              String.valueOf(
                                  queueRoles.get(target(at(t, "DeadLetterConfig", "Arn")))))));
          shapes.add(
              normal(
                  Map.of(
                      "eventPattern",
                      pattern instanceof String json ? CfnYaml.parse(json) : pattern,
                      "eventBus",
                      busName(target(at(p, "EventBusName"))),
                      "targets",
                      targets)));
        });
    return shapes;
  }

  private Object busName(String id) {
    return at(model.resolver().resolve(template.properties(id)), "Name");
  }

  private Set<Object> buses() {
    Set<Object> names = new HashSet<>();
    template.ofType("AWS::Events::EventBus").keySet().forEach(id -> names.add(normal(busName(id))));
    return names;
  }

  private Set<Object> routes() {
    Set<Object> routes = new HashSet<>();
    model.routes().forEach(r -> routes.add(r));
    return routes;
  }

  /**
   * The access log settings of an API stage: the format's fields, the log group's name and
   * retention.
   */
  static Map<String, Object> accessLogs(CfnTemplate template, Resolver resolver, Object setting) {
    Object group = resolver.resolve(template.properties(target(at(setting, "DestinationArn"))));
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("accessLogFormat", CfnYaml.parse((String) at(setting, "Format")));
    shape.put("accessLogGroup", at(group, "LogGroupName"));
    shape.put("accessLogRetentionInDays", at(group, "RetentionInDays"));
    return shape;
  }

  // ------------------------------------------------------------------ values

  private static void requireUnique(String kind, Map<String, String> roles) {
    Set<String> seen = new HashSet<>();
    roles
        .values()
        .forEach(role -> {
          if (!seen.add(role)) {
            throw new IllegalStateException(
                "Two "
                    + kind
                    + "s have the role '"
                    + role
                    + "'; name roles more precisely: "
                    + roles);
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** Maps sorted, numbers and booleans as text: SAM's YAML and CDK's JSON spell values alike. */
  static Object normal(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), normal(v)));
      return sorted;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Shapes::normal).toList();
    }
    if (value instanceof Set<?> set) {
      return new TreeSet<>(set.stream().map(v -> String.valueOf(normal(v))).toList());
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    return value instanceof Boolean ? value.toString() : value;
  }
}
