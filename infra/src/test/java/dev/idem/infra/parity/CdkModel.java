package dev.idem.infra.parity;

import static dev.idem.infra.support.CfnTemplate.at;
import static dev.idem.infra.support.CfnTemplate.target;
import static dev.idem.infra.support.CfnTemplate.targets;

import dev.idem.infra.support.CfnTemplate;
import dev.idem.infra.support.CfnYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The synthesized CDK template: functions, aliases, event source mappings, API resources. */
final class CdkModel implements TemplateModel {

  private final CfnTemplate template;
  private final Resolver resolver;

  CdkModel(CfnTemplate template) {
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
  @SuppressWarnings("unchecked")
  public Map<String, FunctionView> functions() {
    Map<String, FunctionView> functions = new LinkedHashMap<>();
    template
        .ofType("AWS::Lambda::Function")
        .forEach((id, resource) -> {
          Map<String, Object> p =
              (Map<String, Object>) resolver.resolve(CfnTemplate.properties(resource));
          functions.put(
              id,
              new FunctionView(
                  id,
                  (String) p.get("Handler"),
                  p,
                  target(at(p, "LoggingConfig", "LogGroup")),
                  aliasOf(id) == null
                      ? null
                      : at(
                          template.properties(aliasOf(id)),
                          "ProvisionedConcurrencyConfig",
                          "ProvisionedConcurrentExecutions"),
                  events(id),
                  statements(target(p.get("Role")))));
        });
    return functions;
  }

  private String aliasOf(String functionId) {
    return template.ofType("AWS::Lambda::Alias").entrySet().stream()
        .filter(e ->
            functionId.equals(target(CfnTemplate.properties(e.getValue()).get("FunctionName"))))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  /** The function a reference names, directly or through one of its aliases. */
  String functionBehind(Object reference) {
    for (String id : targets(reference)) {
      String type = template.typeOf(id);
      if ("AWS::Lambda::Function".equals(type)) {
        return id;
      }
      if ("AWS::Lambda::Alias".equals(type)) {
        return target(template.properties(id).get("FunctionName"));
      }
    }
    return null;
  }

  private List<EventView> events(String functionId) {
    List<EventView> events = new ArrayList<>();
    template
        .ofType("AWS::Lambda::EventSourceMapping")
        .forEach((id, resource) -> {
          Map<String, Object> settings = new LinkedHashMap<>(CfnTemplate.properties(resource));
          if (functionId.equals(functionBehind(settings.remove("FunctionName")))) {
            String source = target(settings.remove("EventSourceArn"));
            String onFailure =
                target(at(settings.remove("DestinationConfig"), "OnFailure", "Destination"));
            String type = "AWS::SQS::Queue".equals(template.typeOf(source)) ? "SQS" : "DynamoDB";
            events.add(new EventView(type, source, onFailure, settings));
          }
        });
    return events;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> statements(String roleId) {
    List<Map<String, Object>> statements = new ArrayList<>();
    template
        .ofType("AWS::IAM::Policy")
        .values()
        .forEach(policy -> {
          Map<String, Object> p = CfnTemplate.properties(policy);
          if (targets(p.get("Roles")).contains(roleId)) {
            CfnTemplate.list(at(p, "PolicyDocument", "Statement"))
                .forEach(s -> statements.add((Map<String, Object>) s));
          }
        });
    return statements;
  }

  @Override
  public List<RouteView> routes() {
    List<RouteView> routes = new ArrayList<>();
    template
        .ofType("AWS::ApiGateway::Method")
        .values()
        .forEach(method -> {
          Map<String, Object> p = CfnTemplate.properties(method);
          Object uri = at(p, "Integration", "Uri");
          String function = functionBehind(uri);
          String alias =
              targets(uri).stream()
                  .filter(id -> "AWS::Lambda::Alias".equals(template.typeOf(id)))
                  .map(id -> (String) template.properties(id).get("Name"))
                  .findFirst()
                  .orElse(null);
          routes.add(
              new RouteView(
                  (String) p.get("HttpMethod"),
                  path(target(p.get("ResourceId"))),
                  (String) template.properties(function).get("Handler"),
                  alias));
        });
    return routes;
  }

  private String path(String resourceId) {
    if (!"AWS::ApiGateway::Resource".equals(template.typeOf(resourceId))) {
      return "";
    }
    Map<String, Object> p = template.properties(resourceId);
    return path(target(p.get("ParentId"))) + "/" + p.get("PathPart");
  }

  @Override
  public Map<String, Object> api() {
    Object api = CfnTemplate.properties(only("AWS::ApiGateway::RestApi"));
    Object stage = resolver.resolve(CfnTemplate.properties(only("AWS::ApiGateway::Stage")));
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("name", at(api, "Name"));
    shape.put("stageName", at(stage, "StageName"));
    shape.put("endpointTypes", at(api, "EndpointConfiguration", "Types"));
    shape.put("tracing", at(stage, "TracingEnabled"));
    shape.put("methodSettings", at(stage, "MethodSettings"));
    shape.putAll(Shapes.accessLogs(template, resolver, at(stage, "AccessLogSetting")));
    return shape;
  }

  @Override
  public Map<String, Object> requestValidation() {
    Map<String, Object> shape = new TreeMap<>();
    template
        .ofType("AWS::ApiGateway::Method")
        .values()
        .forEach(method -> {
          Map<String, Object> p = CfnTemplate.properties(method);
          Object models = p.get("RequestModels");
          if (models instanceof Map<?, ?> byContentType && !byContentType.isEmpty()) {
            String route = p.get("HttpMethod") + " " + path(target(p.get("ResourceId")));
            shape.put(route, requestModel(p, byContentType));
          }
        });
    Object response = CfnTemplate.properties(gatewayResponse("BAD_REQUEST_BODY"));
    Map<String, Object> headers = new TreeMap<>();
    ((Map<?, ?>) at(response, "ResponseParameters"))
        .forEach((name, value) ->
            headers.put(String.valueOf(name).replace("gatewayresponse.header.", ""), value));
    Map<String, Object> invalidBody = new TreeMap<>();
    invalidBody.put("statusCode", at(response, "StatusCode"));
    invalidBody.put("headers", headers);
    invalidBody.put(
        "template", CfnYaml.parse((String) at(response, "ResponseTemplates", "application/json")));
    shape.put("invalidBody", invalidBody);
    return shape;
  }

  /** The method's one model (its schema and content type) and its validator's flags. */
  private Map<String, Object> requestModel(Map<String, Object> method, Map<?, ?> byContentType) {
    if (byContentType.size() != 1) {
      throw new IllegalStateException("Expected one request model, found " + byContentType);
    }
    Map.Entry<?, ?> model = byContentType.entrySet().iterator().next();
    Map<String, Object> validator = template.properties(target(method.get("RequestValidatorId")));
    Map<String, Object> shape = new TreeMap<>();
    shape.put("schema", template.properties(target(model.getValue())).get("Schema"));
    shape.put("contentType", model.getKey());
    shape.put("validateBody", validator.get("ValidateRequestBody"));
    shape.put("validateParameters", validator.get("ValidateRequestParameters"));
    return shape;
  }

  private Map<String, Object> gatewayResponse(String type) {
    return template.ofType("AWS::ApiGateway::GatewayResponse").values().stream()
        .filter(r -> type.equals(at(r, "Properties", "ResponseType")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No " + type + " gateway response"));
  }

  private Map<String, Object> only(String type) {
    Map<String, Map<String, Object>> found = template.ofType(type);
    if (found.size() != 1) {
      throw new IllegalStateException("Expected one " + type + ", found " + found.keySet());
    }
    return found.values().iterator().next();
  }
}
