package dev.idem.local.template;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads HTTP APIs: {@code AWS::ApiGatewayV2::Api} (with a quick-create {@code Target}), {@code
 * Route} ({@code RouteKey} {@code METHOD /path} or {@code $default}), {@code Integration} ({@code
 * AWS_PROXY} to a function of the template, with its {@code PayloadFormatVersion}) and {@code
 * Stage} ({@code StageName}, {@code StageVariables}); and SAM's {@code AWS::Serverless::HttpApi}
 * with its functions' {@code HttpApi} events (payload format 2.0 unless they say 1.0). Each route
 * becomes an {@link ApiEvent} of its function.
 */
final class HttpApiReader {

  static final String API = "AWS::ApiGatewayV2::Api";
  static final String ROUTE = "AWS::ApiGatewayV2::Route";
  static final String INTEGRATION = "AWS::ApiGatewayV2::Integration";
  static final String STAGE = "AWS::ApiGatewayV2::Stage";
  static final String SAM_HTTP_API = "AWS::Serverless::HttpApi";

  /** Every type this reader reads. */
  static final Set<String> TYPES = Set.of(API, ROUTE, INTEGRATION, STAGE, SAM_HTTP_API);

  /** The API SAM creates for {@code HttpApi} events without an {@code ApiId}. */
  static final String IMPLICIT_API = "ServerlessHttpApi";

  private static final String DEFAULT_STAGE = "$default";

  private record Integration(FunctionRefs.Target target, String payloadFormat) {}

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;
  private final Intrinsics intrinsics;
  private final FunctionRefs refs;
  private final Map<String, ApiStage> stages = new HashMap<>();
  private final Map<String, Integration> integrations = new HashMap<>();
  private final Set<String> webSockets = new java.util.HashSet<>();

  HttpApiReader(
      Template template,
      ResourceIds ids,
      NotEmulated notes,
      Intrinsics intrinsics,
      FunctionRefs refs) {
    this.template = template;
    this.ids = ids;
    this.notes = notes;
    this.intrinsics = intrinsics;
    this.refs = refs;
  }

  /**
   * Reads every HTTP API resource and attaches each route to its function.
   *
   * @throws TemplateException when a reference cannot be resolved or a property has the wrong shape
   */
  void read(Attachments attached) {
    each(STAGE, this::stage);
    each(SAM_HTTP_API, this::samApi);
    each(API, (resource, props) -> api(resource, props, attached));
    each(INTEGRATION, this::integration);
    each(ROUTE, (resource, props) -> route(resource, props, attached));
  }

  /**
   * A SAM function's {@code HttpApi} event: {@code Path} and {@code Method} ({@code ANY}), or the
   * {@code $default} route without them, on its {@code ApiId}'s stage or the implicit API's.
   */
  ApiEvent samEvent(String name, Props props) {
    String api = props.string("ApiId");
    String path = props.string("Path");
    String method = props.string("Method", "ANY").toUpperCase(Locale.ROOT);
    String format = props.string("PayloadFormatVersion", "2.0");
    ApiStage stage = samStage(api).withPayloadFormat(format);
    return path == null
        ? new ApiEvent(name, ApiEvent.DEFAULT_ROUTE, "ANY", null, stage)
        : new ApiEvent(name, path, method, null, stage);
  }

  private ApiStage samStage(String api) {
    if (api == null) {
      return httpStage(IMPLICIT_API, DEFAULT_STAGE, Map.of());
    }
    return stages.computeIfAbsent(api, id -> samApiStage(id));
  }

  private ApiStage samApiStage(String api) {
    Resource resource =
        template.resources().stream()
            .filter(r -> r.type().equals(SAM_HTTP_API) && ids.ref(r.logicalId()).equals(api))
            .findFirst()
            .orElseThrow(
                () -> new TemplateException("ApiId " + api + " names no AWS::Serverless::HttpApi"));
    Props props = new Props(resource.properties(), resource.logicalId(), intrinsics);
    Props variables = props.child("StageVariables");
    return httpStage(
        api,
        props.string("StageName", DEFAULT_STAGE),
        variables == null ? Map.of() : variables.stringMap());
  }

  private void each(String type, java.util.function.BiConsumer<Resource, Props> reader) {
    for (Resource resource : template.resources()) {
      if (resource.type().equals(type)) {
        reader.accept(resource, new Props(resource.properties(), resource.logicalId(), intrinsics));
      }
    }
  }

  private static ApiStage httpStage(String api, String name, Map<String, String> variables) {
    return new ApiStage(ApiStage.Kind.HTTP, api, name, variables, "2.0");
  }

  private void samApi(Resource resource, Props props) {
    props.ignore("StageName", "StageVariables", "Name", "Description", "Tags");
    props.reportUnread(notes);
  }

  private void stage(Resource resource, Props props) {
    props.ignore("DeploymentId", "Description", "AutoDeploy", "Tags");
    String api = props.required("ApiId");
    Props variables = props.child("StageVariables");
    ApiStage stage =
        httpStage(
            api, props.required("StageName"), variables == null ? Map.of() : variables.stringMap());
    ApiStage first = stages.putIfAbsent(api, stage);
    if (first != null) {
      notes.resource(
          resource.logicalId(), resource.type() + " (one stage per API: " + first.name() + ")");
    }
    props.reportUnread(notes);
  }

  private void api(Resource resource, Props props, Attachments attached) {
    props.ignore("Name", "Description", "Version", "DisableExecuteApiEndpoint", "Tags");
    String id = ids.ref(resource.logicalId());
    String protocol = props.string("ProtocolType", "HTTP");
    if (!protocol.equals("HTTP")) {
      webSockets.add(id);
      notes.resource(resource.logicalId(), resource.type() + " (protocol " + protocol + ")");
      props.ignore(props.keys().toArray(String[]::new));
      return;
    }
    for (String definition : List.of("Body", "BodyS3Location")) {
      if (props.has(definition)) {
        notes.property(props.where() + "." + definition, definition + " (routes from OpenAPI)");
      }
    }
    String quickTarget = props.string("Target");
    if (quickTarget != null) {
      quickCreate(resource, props, quickTarget, id, attached);
    }
    props.reportUnread(notes);
  }

  /** An API with a {@code Target}: one route ({@code RouteKey}, default {@code $default}). */
  private void quickCreate(
      Resource resource, Props props, String function, String api, Attachments attached) {
    String routeKey = props.string("RouteKey", ApiEvent.DEFAULT_ROUTE);
    FunctionRefs.Target target = refs.find(function, props.where() + ".Target").orElse(null);
    if (target == null) {
      notes.property(props.where() + ".Target", "Target " + function + " (not in the stack)");
      return;
    }
    ApiStage stage = stages.computeIfAbsent(api, id -> httpStage(id, DEFAULT_STAGE, Map.of()));
    attached.event(target.logicalId(), event(resource.logicalId(), routeKey, stage, props));
  }

  private void integration(Resource resource, Props props) {
    props.ignore("ApiId", "IntegrationMethod", "Description");
    String type = props.string("IntegrationType", "");
    if (!type.equals("AWS_PROXY")) {
      notes.resource(resource.logicalId(), resource.type() + " (IntegrationType " + type + ")");
      props.ignore(props.keys().toArray(String[]::new));
      return;
    }
    String function = FunctionRefs.fromIntegrationUri(props.required("IntegrationUri"));
    FunctionRefs.Target target =
        refs.find(function, props.where() + ".IntegrationUri").orElse(null);
    if (target == null) {
      notes.resource(
          resource.logicalId(), resource.type() + " (to " + function + ", not in the stack)");
    } else {
      integrations.put(
          ids.ref(resource.logicalId()),
          new Integration(target, props.string("PayloadFormatVersion", "2.0")));
    }
    props.reportUnread(notes);
  }

  private void route(Resource resource, Props props, Attachments attached) {
    props.ignore("OperationName", "AuthorizerId", "AuthorizationScopes");
    String api = props.required("ApiId");
    String routeKey = props.required("RouteKey");
    String routeTarget = props.string("Target");
    if (webSockets.contains(api)) {
      props.ignore(props.keys().toArray(String[]::new));
      return;
    }
    Integration integration =
        routeTarget == null
            ? null
            : integrations.get(routeTarget.replaceFirst("^integrations/", ""));
    if (integration == null) {
      notes.resource(resource.logicalId(), resource.type() + " (no Lambda proxy integration)");
    } else {
      ApiStage stage =
          stages
              .computeIfAbsent(api, id -> httpStage(id, DEFAULT_STAGE, Map.of()))
              .withPayloadFormat(integration.payloadFormat());
      attached.event(
          integration.target().logicalId(), event(resource.logicalId(), routeKey, stage, props));
    }
    props.reportUnread(notes);
  }

  private ApiEvent event(String name, String routeKey, ApiStage stage, Props props) {
    String authorization = props.string("AuthorizationType", "NONE");
    if (!authorization.equals("NONE")) {
      notes.property(
          props.where() + ".AuthorizationType",
          "AuthorizationType " + authorization + " (requests are not authorized locally)");
    }
    if (routeKey.equals(ApiEvent.DEFAULT_ROUTE)) {
      return new ApiEvent(name, ApiEvent.DEFAULT_ROUTE, "ANY", null, stage);
    }
    String[] parts = routeKey.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[1].startsWith("/")) {
      throw new TemplateException(
          props.where() + ".RouteKey: '" + routeKey + "' is not 'METHOD /path' or $default");
    }
    return new ApiEvent(name, parts[1], parts[0].toUpperCase(Locale.ROOT), null, stage);
  }
}
