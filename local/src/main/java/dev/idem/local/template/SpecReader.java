package dev.idem.local.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a template's resources into typed specs, collecting what is not emulated. Each resource
 * type has one reader: {@link TableReader}, {@link QueueReader}, {@link EventsReader}, {@link
 * FunctionReader} (SAM functions), {@link LambdaReader} (functions, versions, aliases), {@link
 * EventSourceMappingReader}, {@link ApiReader} (SAM APIs), {@link RestApiReader} and {@link
 * HttpApiReader}. Resources that attach to a function (mappings, aliases, versions, API methods and
 * routes) are read first, so each function's spec holds all its events.
 */
final class SpecReader {

  static final String TABLE = TableReader.TABLE;
  static final String SIMPLE_TABLE = TableReader.SIMPLE_TABLE;
  static final String QUEUE = QueueReader.QUEUE;
  static final String BUS = EventsReader.BUS;
  static final String RULE = EventsReader.RULE;
  static final String FUNCTION = FunctionReader.TYPE;
  static final String API = "AWS::Serverless::Api";

  private static final Set<String> PROVISIONED = Set.of(TABLE, SIMPLE_TABLE, QUEUE, BUS, RULE);
  private static final Set<String> TRANSFORMS =
      Set.of("AWS::Serverless-2016-10-31", "AWS::LanguageExtensions");

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;
  private final Intrinsics intrinsics;
  private final ApiReader apis;
  private final FunctionRefs refs;
  private final HttpApiReader httpApis;
  private final LambdaReader lambdas;

  SpecReader(Template template, ResourceIds ids, NotEmulated notes) {
    this.template = template;
    this.ids = ids;
    this.notes = notes;
    this.intrinsics = new Intrinsics(template, ids, notes);
    this.apis = new ApiReader(template, ids, notes, intrinsics);
    this.refs = new FunctionRefs(template, ids);
    this.httpApis = new HttpApiReader(template, ids, notes, intrinsics, refs);
    this.lambdas = new LambdaReader(template, ids, notes, refs);
  }

  static boolean isProvisioned(String type) {
    return PROVISIONED.contains(type);
  }

  static boolean isEmulated(String type) {
    return PROVISIONED.contains(type)
        || type.equals(FUNCTION)
        || type.equals(API)
        || type.equals(LambdaReader.FUNCTION)
        || type.equals(LambdaReader.VERSION)
        || type.equals(LambdaReader.ALIAS)
        || type.equals(EventSourceMappingReader.TYPE)
        || type.equals(LayerReader.SERVERLESS)
        || type.equals(LayerReader.LAMBDA)
        || type.equals(AsyncReader.EVENT_INVOKE_CONFIG)
        || type.equals(SchedulerReader.TYPE)
        || RestApiReader.TYPES.contains(type)
        || HttpApiReader.TYPES.contains(type);
  }

  StackSpec read() {
    reportTransforms();
    Attachments attached = attachments();
    List<ResourceSpec> specs = new ArrayList<>();
    for (Resource resource : template.resources()) {
      spec(resource, attached).ifPresent(specs::add);
    }
    List<FunctionSpec> functions = only(specs, FunctionSpec.class);
    reportSharedRoutes(functions);
    return new StackSpec(
        functions,
        only(specs, TableSpec.class),
        only(specs, QueueSpec.class),
        only(specs, EventBusSpec.class),
        only(specs, RuleSpec.class),
        outputs(),
        notes,
        constructPaths());
  }

  private Map<String, String> constructPaths() {
    Map<String, String> paths = new HashMap<>();
    template
        .resources()
        .forEach(r -> r.constructPath().ifPresent(path -> paths.put(r.logicalId(), path)));
    return paths;
  }

  /** One resource's spec, without what other resources attach to it (for the provisioner). */
  Optional<ResourceSpec> spec(Resource resource) {
    return spec(resource, new Attachments());
  }

  /** The events and aliases other resources attach to functions. */
  private Attachments attachments() {
    Attachments attached = new Attachments();
    EventSourceMappingReader mappings = new EventSourceMappingReader(notes, refs);
    for (Resource resource : template.resources()) {
      Props props = props(resource);
      switch (resource.type()) {
        case LambdaReader.ALIAS -> lambdas.alias(resource, props, attached);
        case LambdaReader.VERSION -> lambdas.version(resource, props, attached);
        case EventSourceMappingReader.TYPE -> mappings.read(resource, props, attached);
        case AsyncReader.EVENT_INVOKE_CONFIG ->
            new AsyncReader(notes).resource(resource, props, refs, attached);
        case SchedulerReader.TYPE ->
            new SchedulerReader(ids, notes, refs).read(resource, props, attached);
        default -> {}
      }
    }
    new RestApiReader(template, ids, notes, intrinsics, refs).read(attached);
    httpApis.read(attached);
    return attached;
  }

  private Optional<ResourceSpec> spec(Resource resource, Attachments attached) {
    Props props = props(resource);
    String type = resource.type();
    ResourceSpec spec =
        switch (type) {
          case FUNCTION ->
              new FunctionReader(template, ids, notes, apis, httpApis)
                  .function(resource, props, attached);
          case LambdaReader.FUNCTION -> lambdas.function(resource, props, attached);
          case TABLE, SIMPLE_TABLE -> new TableReader(ids, notes).read(resource, props);
          case QUEUE -> new QueueReader(ids, notes, intrinsics).read(resource, props);
          case BUS -> new EventsReader(ids, notes).bus(resource, props);
          case RULE -> new EventsReader(ids, notes, refs).rule(resource, props);
          case API -> {
            apis.api(props);
            props.reportUnread(notes);
            yield null;
          }
          default -> {
            if (!isEmulated(type)) {
              notes.resource(resource.logicalId(), type);
            }
            yield null; // read with what it attaches to
          }
        };
    return Optional.ofNullable(spec);
  }

  private Props props(Resource resource) {
    return new Props(resource.properties(), resource.logicalId(), intrinsics);
  }

  /** One port serves every API: a method and path two APIs declare goes to the first. */
  private void reportSharedRoutes(List<FunctionSpec> functions) {
    Map<String, ApiEvent> first = new HashMap<>();
    for (FunctionSpec function : functions) {
      for (FunctionEvent event : function.events()) {
        if (event instanceof ApiEvent api) {
          ApiEvent earlier = first.putIfAbsent(api.method() + " " + api.path(), api);
          if (earlier != null && !earlier.stage().apiId().equals(api.stage().apiId())) {
            notes.property(
                function.logicalId() + "." + api.name(),
                "routes another API serves too (" + api.method() + " " + api.path() + ")");
          }
        }
      }
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

  private static <T> List<T> only(List<ResourceSpec> specs, Class<T> type) {
    return specs.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
