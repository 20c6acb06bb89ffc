package dev.idem.local.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a template's resources into typed specs, collecting what is not emulated. Each {@link
 * ResourceKind} has its reader: {@link TableReader}, {@link QueueReader}, {@link EventBusReader},
 * {@link RuleReader}, and for functions {@link FunctionReader} (SAM's) or {@link LambdaReader}
 * (plain CloudFormation's, with versions and aliases). Resources that attach to a function
 * (mappings, aliases, versions, invoke configs, schedules, API methods and routes) are read first,
 * by {@link EventSourceMappingReader}, {@link AsyncReader}, {@link SchedulerReader}, {@link
 * ApiReader}, {@link RestApiReader} and {@link HttpApiReader}, so each function's spec holds all
 * its events.
 */
final class SpecReader {

  static final String API = "AWS::Serverless::Api";

  /** Types read with the function they attach to, or as part of an API: no spec of their own. */
  private static final Set<String> ATTACHED =
      Set.of(
          API,
          LambdaReader.VERSION,
          LambdaReader.ALIAS,
          EventSourceMappingReader.TYPE,
          LayerReader.SERVERLESS,
          LayerReader.LAMBDA,
          AsyncReader.EVENT_INVOKE_CONFIG,
          SchedulerReader.TYPE);

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

  /** Whether the provisioner creates resources of this CloudFormation type. */
  static boolean isProvisioned(String type) {
    return ResourceKind.of(type).filter(ResourceKind::provisioned).isPresent();
  }

  static boolean isEmulated(String type) {
    return ResourceKind.of(type).isPresent()
        || ATTACHED.contains(type)
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
    Optional<ResourceKind> kind = ResourceKind.of(resource.type());
    if (kind.isPresent()) {
      return Optional.ofNullable(read(kind.get(), resource, props, attached));
    }
    if (resource.type().equals(API)) {
      apis.api(props);
      props.reportUnread(notes);
    } else if (!isEmulated(resource.type())) {
      notes.resource(resource.logicalId(), resource.type());
    }
    return Optional.empty(); // read with what it attaches to
  }

  /** The resource's spec, or null when it cannot run here (reported). */
  private ResourceSpec read(
      ResourceKind kind, Resource resource, Props props, Attachments attached) {
    return switch (kind) {
      case FUNCTION ->
          resource.type().equals(FunctionReader.TYPE)
              ? new FunctionReader(template, ids, notes, apis, httpApis)
                  .function(resource, props, attached)
              : lambdas.function(resource, props, attached);
      case TABLE -> new TableReader(ids, notes).read(resource, props);
      case QUEUE -> new QueueReader(ids, notes, intrinsics).read(resource, props);
      case EVENT_BUS -> new EventBusReader(ids, notes).read(resource, props);
      case RULE -> new RuleReader(ids, notes, refs).read(resource, props);
    };
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
