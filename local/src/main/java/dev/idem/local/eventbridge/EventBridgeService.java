package dev.idem.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsCall;
import dev.idem.local.aws.AwsError;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.aws.AwsService;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.schedule.ScheduleTicker;
import dev.idem.testing.LocalAccount;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EventBridge over its JSON 1.1 protocol ({@code X-Amz-Target: AWSEvents.<Operation>}): PutEvents
 * with per-entry results, PutRule, DeleteRule, EnableRule, DisableRule, DescribeRule, ListRules,
 * PutTargets, RemoveTargets, ListTargetsByRule, CreateEventBus, DeleteEventBus, DescribeEventBus,
 * ListEventBuses and TestEventPattern. The {@code default} bus always exists. Patterns match with
 * AWS's event-ruler over the full event JSON. Requests are refused as AWS refuses them (see {@link
 * EventValidation}); as in AWS, an entry for a bus that does not exist gets an EventId and goes
 * nowhere, and PutEvents does not look at whether targets still exist.
 *
 * <p>Matched events are delivered through an {@link EventTargetSender} after PutEvents has
 * answered, in order per bus, to what each target's {@code Input}, {@code InputPath} or {@code
 * InputTransformer} makes of them. A delivery that fails for a transient reason is retried under
 * the target's {@code RetryPolicy}; one given up on goes to the target's {@code DeadLetterConfig}
 * queue (with message attributes RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE,
 * EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS), or is counted as failed without one (see {@link
 * EventDelivery}). A target that is a Lambda function (or its alias or version) gets the event
 * through the sender given to {@link #lambdaTargets(EventTargetSender)}: Lambda's asynchronous
 * invocation.
 *
 * <p>An enabled rule with a {@code ScheduleExpression} ({@code rate(...)} or {@code cron(...)}, in
 * UTC; only on the default bus, as in AWS) fires on time, read from the injected clock: each time
 * its targets get the event EventBridge sends for a schedule ({@code "detail-type": "Scheduled
 * Event"}, {@code "source": "aws.events"}, the rule's ARN as the one resource, {@code "detail":
 * {}}).
 *
 * {@snippet :
 * try (EventBridgeService events = new EventBridgeService(new SqsTargetSender(sqs), Clock.systemUTC())) {
 *   router.route(AwsService.EVENTS, events);
 * }
 * }
 */
public final class EventBridgeService implements HttpService, AutoCloseable {

  private static final String TARGET_PREFIX = "AWSEvents.";

  private final EventDelivery delivery;
  private final Clock clock;
  private final RuleSchedules schedules;
  private volatile EventTargetSender lambdaTargets;
  private volatile EventFaults faults = EventFaults.NONE;
  private final Map<String, EventBus> buses = new ConcurrentHashMap<>();

  /**
   * A service with only the {@code default} bus.
   *
   * @param sender delivers matched events to targets
   * @param clock stamps events that carry no {@code Time}
   */
  public EventBridgeService(EventTargetSender sender, Clock clock) {
    this(sender, clock, Duration.ofSeconds(1));
  }

  /**
   * A service with only the {@code default} bus, reading {@code clock} every {@code scheduleTick}
   * for schedules that are due.
   *
   * @param sender delivers matched events to targets other than Lambda functions
   * @param clock stamps events that carry no {@code Time}, and says when schedules fire
   */
  public EventBridgeService(EventTargetSender sender, Clock clock, Duration scheduleTick) {
    this(sender, clock, ScheduleTicker.start(clock, scheduleTick));
  }

  EventBridgeService(EventTargetSender sender, Clock clock, ScheduleTicker schedules) {
    this.delivery = new EventDelivery(message -> send(sender, message), clock);
    this.clock = clock;
    this.schedules = new RuleSchedules(schedules, this::deliver);
    buses.put("default", new EventBus("default"));
  }

  /**
   * Delivers to Lambda function targets ({@code arn:aws:lambda:...:function:name[:qualifier]})
   * through {@code sender} from now on; until then such a delivery fails.
   */
  public void lambdaTargets(EventTargetSender sender) {
    this.lambdaTargets = java.util.Objects.requireNonNull(sender, "sender");
  }

  private void send(EventTargetSender other, EventTargetSender.Message message) throws Exception {
    if (!message.targetArn().startsWith("arn:aws:lambda:")) {
      other.send(message);
      return;
    }
    EventTargetSender lambda = lambdaTargets;
    if (lambda == null) {
      throw new IllegalStateException("No Lambda function runs here for " + message.targetArn());
    }
    lambda.send(message);
  }

  /**
   * Delivery counts so far.
   *
   * @param matched (event, target) pairs that rules matched
   * @param delivered of those, delivered to their target
   * @param deadLettered delivered to the target's dead-letter queue instead
   * @param failed lost: neither the target nor a dead-letter queue took them
   */
  public record Stats(long matched, long delivered, long deadLettered, long failed) {}

  /** Injects these faults into PutEvents and deliveries from now on. */
  public void faults(EventFaults newFaults) {
    this.faults = java.util.Objects.requireNonNull(newFaults, "faults");
    delivery.faults(newFaults);
  }

  /** Tells {@code newTrace} of every rule match and delivery attempt from now on. */
  public void trace(EventTrace newTrace) {
    delivery.trace(java.util.Objects.requireNonNull(newTrace, "trace"));
  }

  /** Delivery counts so far. */
  public Stats stats() {
    return delivery.stats();
  }

  /** Each rule's counts by rule ARN; a rule that never matched is absent. */
  public java.util.Map<String, Stats> ruleStats() {
    return delivery.ruleStats();
  }

  @Override
  public Response handle(Request request) {
    String target = request.header("X-Amz-Target").orElse("");
    if (!target.startsWith(TARGET_PREFIX)) {
      return AwsJson.error(
          400, "UnknownOperationException", "No X-Amz-Target AWSEvents.<Operation>");
    }
    try {
      JsonNode body =
          request.body().length == 0
              ? AwsJson.MAPPER.createObjectNode()
              : AwsJson.MAPPER.readTree(request.body());
      return AwsJson.ok(operation(target.substring(TARGET_PREFIX.length()), body, request));
    } catch (AwsError e) {
      return AwsJson.error(e.status(), e.type(), e.getMessage());
    } catch (java.io.IOException e) {
      return AwsJson.error(
          400, "SerializationException", "Request body is not JSON: " + e.getMessage());
    }
  }

  /** Waits (at most 5 s per bus) for queued deliveries, then stops delivering. */
  @Override
  public void close() {
    schedules.close();
    buses.values().forEach(EventBus::close);
    delivery.close();
  }

  private ObjectNode operation(String name, JsonNode body, Request request) {
    return switch (name) {
      case "PutEvents" -> putEvents(body, request);
      case "PutRule" -> putRule(body);
      case "DeleteRule" -> {
        EventBus bus = bus(body);
        bus.deleteRule(required(body, "Name"));
        schedules.remove(bus, required(body, "Name"));
        yield empty();
      }
      case "EnableRule", "DisableRule" ->
          setState(body, name.startsWith("Enable") ? "ENABLED" : "DISABLED");
      case "DescribeRule" -> describe(bus(body).rule(required(body, "Name")));
      case "ListRules" -> listRules(body);
      case "PutTargets" -> putTargets(body);
      case "RemoveTargets" -> removeTargets(body);
      case "ListTargetsByRule" -> listTargets(body);
      case "CreateEventBus" -> createBus(body);
      case "DeleteEventBus" -> deleteBus(body);
      case "DescribeEventBus" -> describeBus(bus(body.path("Name").asText("default")));
      case "ListEventBuses" -> listBuses(body);
      case "TestEventPattern" -> testPattern(body);
      default ->
          throw new AwsError(
              400, "UnknownOperationException", "Operation " + name + " is not emulated");
    };
  }

  private ObjectNode putEvents(JsonNode body, Request request) {
    EventValidation.putEvents(body);
    JsonNode entries = body.path("Entries");
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    ArrayNode results = response.putArray("Entries");
    int failures = 0;
    String caller =
        faults == EventFaults.NONE ? null : AwsCall.of(request, AwsService.EVENTS).accessKeyId();
    for (JsonNode entry : entries) {
      if (!putEntry(entry, results.addObject(), caller)) {
        failures++;
      }
    }
    response.put("FailedEntryCount", failures);
    return response;
  }

  private boolean putEntry(JsonNode entry, ObjectNode result, String caller) {
    String[] problem = EventValidation.entry(entry);
    if (problem != null) {
      result.put("ErrorCode", problem[0]).put("ErrorMessage", problem[1]);
      return false;
    }
    ObjectNode event = EventEntries.event(entry, clock.instant());
    String id = event.path("id").asText();
    EventBus bus = buses.get(busName(entry.path("EventBusName").asText("default")));
    if (bus == null) {
      // AWS takes an event for a bus that does not exist, answers its EventId and drops it.
      result.put("EventId", id);
      return true;
    }
    EventFaults.EntryFault fault =
        faults.putEntry(
            bus.name(),
            caller,
            entry.path("Source").asText(),
            entry.path("DetailType").asText(),
            id);
    if (fault != EventFaults.EntryFault.FAILED) {
      route(bus, event);
    }
    if (fault != EventFaults.EntryFault.NONE) {
      result
          .put("ErrorCode", "InternalFailure")
          .put("ErrorMessage", "Internal service error (injected fault).");
      return false;
    }
    result.put("EventId", id);
    return true;
  }

  private void route(EventBus bus, ObjectNode event) {
    String json = event.toString();
    for (EventRule rule : bus.match(json)) {
      deliver(bus, rule, event);
    }
  }

  private ObjectNode putRule(JsonNode body) {
    EventValidation.putRule(body);
    String name = body.get("Name").asText();
    String pattern = text(body, "EventPattern");
    String schedule = text(body, "ScheduleExpression");
    if (pattern == null && schedule == null) {
      throw AwsError.validation(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    EventBus bus = bus(body);
    if (schedule != null) {
      RuleSchedules.validate(schedule, bus);
    }
    EventRule rule =
        bus.putRule(
            new EventRule(
                name,
                bus.ruleArn(name),
                bus.name(),
                pattern,
                schedule,
                body.path("State").asText("ENABLED"),
                text(body, "Description"),
                Map.of()));
    schedules.update(bus, rule);
    return AwsJson.MAPPER.createObjectNode().put("RuleArn", rule.arn());
  }

  private void deliver(EventBus bus, EventRule rule, ObjectNode event) {
    String json = event.toString();
    for (EventRule.Target target : rule.targets().values()) {
      bus.deliver(delivery.of(bus.name(), rule, target, event, json));
    }
  }

  private ObjectNode setState(JsonNode body, String state) {
    EventBus bus = bus(body);
    EventRule rule = bus.rule(required(body, "Name")).withState(state);
    bus.update(rule);
    schedules.update(bus, rule);
    return empty();
  }

  private ObjectNode listRules(JsonNode body) {
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    ArrayNode rules = response.putArray("Rules");
    bus(body).rules(body.path("NamePrefix").asText("")).forEach(rule -> rules.add(describe(rule)));
    return response;
  }

  private ObjectNode putTargets(JsonNode body) {
    EventValidation.putTargets(body);
    EventBus bus = bus(body);
    EventRule rule = bus.rule(required(body, "Rule"));
    Map<String, EventRule.Target> targets = new LinkedHashMap<>(rule.targets());
    for (JsonNode json : body.path("Targets")) {
      EventRule.Target target = EventRule.Target.of((ObjectNode) json);
      targets.put(target.id(), target);
    }
    EventValidation.targetCount(targets.size());
    bus.update(rule.withTargets(targets));
    ObjectNode response = AwsJson.MAPPER.createObjectNode().put("FailedEntryCount", 0);
    response.putArray("FailedEntries");
    return response;
  }

  private ObjectNode removeTargets(JsonNode body) {
    EventBus bus = bus(body);
    EventRule rule = bus.rule(required(body, "Rule"));
    Map<String, EventRule.Target> targets = new LinkedHashMap<>(rule.targets());
    body.path("Ids").forEach(id -> targets.remove(id.asText()));
    bus.update(rule.withTargets(targets));
    ObjectNode response = AwsJson.MAPPER.createObjectNode().put("FailedEntryCount", 0);
    response.putArray("FailedEntries");
    return response;
  }

  private ObjectNode listTargets(JsonNode body) {
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    ArrayNode targets = response.putArray("Targets");
    bus(body).rule(required(body, "Rule")).targets().values().forEach(t -> targets.add(t.json()));
    return response;
  }

  private ObjectNode createBus(JsonNode body) {
    String name = required(body, "Name");
    EventBus created = new EventBus(name);
    if (buses.putIfAbsent(name, created) != null) {
      created.close();
      throw new AwsError(
          400, "ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
    }
    return AwsJson.MAPPER.createObjectNode().put("EventBusArn", created.arn());
  }

  private ObjectNode deleteBus(JsonNode body) {
    String name = required(body, "Name");
    if (name.equals("default")) {
      throw AwsError.validation("Cannot delete event bus default.");
    }
    EventBus bus = buses.get(name);
    if (bus != null && bus.hasRules()) {
      throw AwsError.validation("Cannot delete event bus " + name + ": it still has rules.");
    }
    if (bus != null && buses.remove(name, bus)) {
      bus.close();
    }
    return empty();
  }

  private ObjectNode listBuses(JsonNode body) {
    String prefix = body.path("NamePrefix").asText("");
    ObjectNode response = AwsJson.MAPPER.createObjectNode();
    ArrayNode list = response.putArray("EventBuses");
    buses.values().stream()
        .filter(bus -> bus.name().startsWith(prefix))
        .sorted(java.util.Comparator.comparing(EventBus::name))
        .forEach(bus -> list.add(describeBus(bus)));
    return response;
  }

  private ObjectNode testPattern(JsonNode body) {
    String pattern = required(body, "EventPattern");
    EventBus scratch = new EventBus("test");
    try {
      scratch.putRule(new EventRule("test", "", "test", pattern, null, "ENABLED", null, Map.of()));
      String event = required(body, "Event");
      EventValidation.testEvent(event);
      boolean result = !scratch.match(event).isEmpty();
      return AwsJson.MAPPER.createObjectNode().put("Result", result);
    } finally {
      scratch.close();
    }
  }

  private static ObjectNode describe(EventRule rule) {
    ObjectNode node =
        AwsJson.MAPPER.createObjectNode().put("Name", rule.name()).put("Arn", rule.arn());
    if (rule.pattern() != null) {
      node.put("EventPattern", rule.pattern());
    }
    if (rule.scheduleExpression() != null) {
      node.put("ScheduleExpression", rule.scheduleExpression());
    }
    node.put("State", rule.state());
    if (rule.description() != null) {
      node.put("Description", rule.description());
    }
    return node.put("EventBusName", rule.busName()).put("CreatedBy", LocalAccount.ID);
  }

  private static ObjectNode describeBus(EventBus bus) {
    return AwsJson.MAPPER.createObjectNode().put("Name", bus.name()).put("Arn", bus.arn());
  }

  private EventBus bus(JsonNode body) {
    return bus(body.path("EventBusName").asText("default"));
  }

  private EventBus bus(String nameOrArn) {
    EventBus bus = buses.get(busName(nameOrArn));
    if (bus == null) {
      throw AwsError.notFound("Event bus " + nameOrArn + " does not exist.");
    }
    return bus;
  }

  private static String busName(String nameOrArn) {
    return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
  }

  private static String required(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null || value.isBlank()) {
      throw AwsError.validation("Parameter " + field + " is required.");
    }
    return value;
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static ObjectNode empty() {
    return AwsJson.MAPPER.createObjectNode();
  }
}
