package dev.idem.infra.parity;

import static dev.idem.infra.support.CfnTemplate.at;
import static dev.idem.infra.support.CfnTemplate.target;

import dev.idem.infra.support.CfnTemplate;
import dev.idem.infra.support.CfnYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** template.yaml read as SAM declares it: Globals, functions with their Events and Policies. */
final class SamModel implements TemplateModel {

  private final CfnTemplate template;
  private final Resolver resolver;

  SamModel(CfnTemplate template) {
    this.template = template;
    this.resolver = new Resolver(template);
  }

  @Override
  public CfnTemplate template() {
    return template;
  }

  @Override
  public Resolver resolver() {
    return resolver;
  }

  @Override
  public Map<String, FunctionView> functions() {
    Map<String, FunctionView> functions = new LinkedHashMap<>();
    template
        .ofType("AWS::Serverless::Function")
        .forEach((id, resource) -> functions.put(id, function(id, properties(resource))));
    return functions;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> properties(Map<String, Object> resource) {
    Object globals = at(template.json(), "Globals", "Function");
    Map<String, Object> merged =
        merge(
            globals == null ? Map.of() : (Map<String, Object>) globals,
            CfnTemplate.properties(resource));
    return (Map<String, Object>) resolver.resolve(merged);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    over.forEach((key, value) ->
        merged.merge(
            key,
            value,
            (a, b) ->
                a instanceof Map<?, ?> && b instanceof Map<?, ?>
                    ? merge((Map<String, Object>) a, (Map<String, Object>) b)
                    : b));
    return merged;
  }

  @SuppressWarnings("unchecked")
  private FunctionView function(String id, Map<String, Object> p) {
    List<EventView> events = new ArrayList<>();
    Map<String, Object> declared = (Map<String, Object>) p.getOrDefault("Events", Map.of());
    declared.values().stream()
        .map(e -> (Map<String, Object>) e)
        .filter(e -> !"Api".equals(e.get("Type")))
        .forEach(e -> events.add(event(e)));
    List<Map<String, Object>> statements = new ArrayList<>();
    CfnTemplate.list(p.get("Policies")).stream()
        .map(policy -> at(policy, "Statement"))
        .forEach(s -> CfnTemplate.list(s).forEach(x -> statements.add((Map<String, Object>) x)));
    return new FunctionView(
        id,
        (String) p.get("Handler"),
        p,
        target(at(p, "LoggingConfig", "LogGroup")),
        at(p, "ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"),
        events,
        statements);
  }

  @SuppressWarnings("unchecked")
  private static EventView event(Map<String, Object> event) {
    Map<String, Object> settings =
        new LinkedHashMap<>((Map<String, Object>) event.getOrDefault("Properties", Map.of()));
    String source = target(settings.remove("SQS".equals(event.get("Type")) ? "Queue" : "Stream"));
    String onFailure = target(at(settings.remove("DestinationConfig"), "OnFailure", "Destination"));
    return new EventView((String) event.get("Type"), source, onFailure, settings);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<RouteView> routes() {
    List<RouteView> routes = new ArrayList<>();
    functions()
        .values()
        .forEach(fn ->
            ((Map<String, Object>) fn.properties().getOrDefault("Events", Map.of()))
                .values().stream()
                    .filter(e -> "Api".equals(at(e, "Type")))
                    .forEach(e ->
                        routes.add(
                            new RouteView(
                                ((String) at(e, "Properties", "Method")).toUpperCase(Locale.ROOT),
                                (String) at(e, "Properties", "Path"),
                                fn.handler(),
                                (String) fn.properties().get("AutoPublishAlias")))));
    return routes;
  }

  @Override
  public Map<String, Object> api() {
    Map.Entry<String, Map<String, Object>> api =
        template.ofType("AWS::Serverless::Api").entrySet().iterator().next();
    Object p = resolver.resolve(CfnTemplate.properties(api.getValue()));
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("name", at(p, "Name"));
    shape.put("stageName", at(p, "StageName"));
    shape.put("endpointTypes", List.of(at(p, "EndpointConfiguration", "Type")));
    shape.put("tracing", at(p, "TracingEnabled"));
    shape.put("methodSettings", at(p, "MethodSettings"));
    shape.putAll(Shapes.accessLogs(template, resolver, at(p, "AccessLogSetting")));
    return shape;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> requestValidation() {
    Object api = resolver.resolve(CfnTemplate.properties(onlyApi()));
    Map<String, Object> shape = new TreeMap<>();
    functions()
        .values()
        .forEach(fn ->
            ((Map<String, Object>) fn.properties().getOrDefault("Events", Map.of()))
                .values().stream()
                    .filter(e ->
                        "Api".equals(at(e, "Type")) && at(e, "Properties", "RequestModel") != null)
                    .forEach(e ->
                        shape.put(
                            route(e), requestModel(api, at(e, "Properties", "RequestModel")))));
    Object response = at(api, "GatewayResponses", "BAD_REQUEST_BODY");
    Map<String, Object> invalidBody = new TreeMap<>();
    invalidBody.put("statusCode", at(response, "StatusCode"));
    invalidBody.put("headers", at(response, "ResponseParameters", "Headers"));
    invalidBody.put(
        "template", CfnYaml.parse((String) at(response, "ResponseTemplates", "application/json")));
    shape.put("invalidBody", invalidBody);
    return shape;
  }

  private static String route(Object event) {
    return ((String) at(event, "Properties", "Method")).toUpperCase(Locale.ROOT)
        + " "
        + at(event, "Properties", "Path");
  }

  /** SAM's RequestModel: the model by name, for application/json, and the validator's flags. */
  private static Map<String, Object> requestModel(Object api, Object requestModel) {
    Map<String, Object> shape = new TreeMap<>();
    shape.put("schema", at(api, "Models", (String) at(requestModel, "Model")));
    shape.put("contentType", "application/json");
    shape.put("validateBody", at(requestModel, "ValidateBody"));
    shape.put("validateParameters", at(requestModel, "ValidateParameters"));
    return shape;
  }

  private Map<String, Object> onlyApi() {
    return template.ofType("AWS::Serverless::Api").values().iterator().next();
  }
}
