package dev.idem.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads REST APIs as CloudFormation declares them (what CDK's {@code RestApi} and {@code
 * LambdaRestApi} synthesize): {@code AWS::ApiGateway::RestApi}, the {@code Resource} tree of {@code
 * PathPart}s, each {@code Method} with an {@code AWS_PROXY} integration (its URI resolved to a
 * function of the template, an alias or a version), the {@code Stage} (or a {@code Deployment}'s
 * {@code StageName}) with its {@code Variables}, and request validation: a method's {@code
 * RequestValidatorId} with {@code ValidateRequestBody}, its {@code RequestModels}' {@code Model}
 * and the API's {@code BAD_REQUEST_BODY} (else {@code DEFAULT_4XX}) {@code GatewayResponse}. Each
 * method becomes an {@link ApiEvent} of its function.
 */
final class RestApiReader {

  static final String REST_API = "AWS::ApiGateway::RestApi";
  static final String RESOURCE = "AWS::ApiGateway::Resource";
  static final String METHOD = "AWS::ApiGateway::Method";
  static final String DEPLOYMENT = "AWS::ApiGateway::Deployment";
  static final String STAGE = "AWS::ApiGateway::Stage";
  static final String MODEL = "AWS::ApiGateway::Model";
  static final String VALIDATOR = "AWS::ApiGateway::RequestValidator";
  static final String GATEWAY_RESPONSE = "AWS::ApiGateway::GatewayResponse";

  /** Every type this reader reads. */
  static final Set<String> TYPES =
      Set.of(REST_API, RESOURCE, METHOD, DEPLOYMENT, STAGE, MODEL, VALIDATOR, GATEWAY_RESPONSE);

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Node(String parentId, String pathPart, String where) {}

  private record Validator(boolean body, boolean parameters) {}

  private record Model(String contentType, String schema) {}

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;
  private final Intrinsics intrinsics;
  private final FunctionRefs refs;
  private final Map<String, ApiStage> stages = new HashMap<>();
  private final Map<String, List<String>> binaryMediaTypes = new HashMap<>();
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, Validator> validators = new HashMap<>();
  private final Map<String, Model> models = new HashMap<>();
  private final Map<String, RequestModel.InvalidBody> invalidBodies = new HashMap<>();

  RestApiReader(
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
   * Reads every REST API resource and attaches each method to its function.
   *
   * @throws TemplateException when a reference cannot be resolved or a property has the wrong shape
   */
  void read(Attachments attached) {
    each(REST_API, this::api);
    each(STAGE, this::stage);
    each(DEPLOYMENT, this::deployment);
    each(RESOURCE, this::node);
    each(VALIDATOR, this::validator);
    each(MODEL, this::model);
    each(GATEWAY_RESPONSE, this::gatewayResponse);
    each(METHOD, (resource, props) -> method(resource, props, attached));
  }

  private void each(String type, java.util.function.BiConsumer<Resource, Props> reader) {
    for (Resource resource : template.resources()) {
      if (resource.type().equals(type)) {
        reader.accept(resource, new Props(resource.properties(), resource.logicalId(), intrinsics));
      }
    }
  }

  private void api(Resource resource, Props props) {
    binaryMediaTypes.put(ids.ref(resource.logicalId()), props.strings("BinaryMediaTypes"));
    props.ignore(
        "Name",
        "Description",
        "EndpointConfiguration",
        "FailOnWarnings",
        "DisableExecuteApiEndpoint",
        "Mode",
        "Tags");
    for (String definition : List.of("Body", "BodyS3Location")) {
      if (props.has(definition)) {
        notes.property(props.where() + "." + definition, definition + " (routes from OpenAPI)");
      }
    }
    props.reportUnread(notes);
  }

  private void stage(Resource resource, Props props) {
    props.ignore("DeploymentId", "Description", "Tags");
    String api = props.required("RestApiId");
    Props variables = props.child("Variables");
    ApiStage stage =
        restStage(
            api, props.required("StageName"), variables == null ? Map.of() : variables.stringMap());
    ApiStage first = stages.putIfAbsent(api, stage);
    if (first != null) {
      notes.resource(
          resource.logicalId(), resource.type() + " (one stage per API: " + first.name() + ")");
    }
    props.reportUnread(notes);
  }

  private void deployment(Resource resource, Props props) {
    props.ignore("Description");
    String api = props.required("RestApiId");
    String stageName = props.string("StageName");
    Props description = props.child("StageDescription");
    if (stageName != null && !stages.containsKey(api)) {
      Props variables = description == null ? null : description.child("Variables");
      stages.put(
          api, restStage(api, stageName, variables == null ? Map.of() : variables.stringMap()));
    }
    if (description != null) {
      description.reportUnread(notes);
    }
    props.reportUnread(notes);
  }

  private static ApiStage restStage(String api, String name, Map<String, String> variables) {
    return new ApiStage(ApiStage.Kind.REST, api, name, variables, "1.0");
  }

  private void node(Resource resource, Props props) {
    props.ignore("RestApiId");
    nodes.put(
        ids.ref(resource.logicalId()),
        new Node(props.required("ParentId"), props.required("PathPart"), props.where()));
    props.reportUnread(notes);
  }

  private void validator(Resource resource, Props props) {
    props.ignore("RestApiId", "Name");
    validators.put(
        ids.ref(resource.logicalId()),
        new Validator(
            props.bool("ValidateRequestBody", false),
            props.bool("ValidateRequestParameters", false)));
    props.reportUnread(notes);
  }

  private void model(Resource resource, Props props) {
    props.ignore("Name", "Description");
    String key = props.required("RestApiId") + "/" + ids.ref(resource.logicalId());
    Object schema = props.value("Schema");
    models.put(
        key, new Model(props.string("ContentType", ApiReader.CONTENT_TYPE), json(schema, props)));
    props.reportUnread(notes);
  }

  private static String json(Object schema, Props props) {
    if (schema instanceof String text) {
      return text;
    }
    try {
      return JSON.writeValueAsString(schema == null ? Map.of() : schema);
    } catch (JsonProcessingException e) {
      throw new TemplateException(props.where() + ".Schema cannot be written as JSON", e);
    }
  }

  private void gatewayResponse(Resource resource, Props props) {
    String api = props.required("RestApiId");
    String type = props.required("ResponseType");
    if (type.equals("DEFAULT_4XX")) {
      notes.property(props.where(), "GatewayResponses DEFAULT_4XX beyond invalid bodies");
    } else if (!type.equals("BAD_REQUEST_BODY")) {
      notes.property(props.where(), "GatewayResponses " + type);
      props.ignore("StatusCode", "ResponseParameters", "ResponseTemplates");
      props.reportUnread(notes);
      return;
    }
    Props templates = props.child("ResponseTemplates");
    RequestModel.InvalidBody body =
        new RequestModel.InvalidBody(
            props.integer("StatusCode"),
            headers(props.child("ResponseParameters")),
            templates == null ? Map.of() : templates.stringMap());
    if (type.equals("BAD_REQUEST_BODY") || !invalidBodies.containsKey(api)) {
      invalidBodies.put(api, body);
    }
    props.reportUnread(notes);
  }

  /** {@code gatewayresponse.header.<Name>: "'static value'"} as headers. */
  private Map<String, String> headers(Props parameters) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (parameters == null) {
      return headers;
    }
    String prefix = "gatewayresponse.header.";
    parameters
        .stringMap()
        .forEach((name, value) -> {
          boolean quoted = value.length() >= 2 && value.startsWith("'") && value.endsWith("'");
          if (name.startsWith(prefix) && quoted) {
            headers.put(name.substring(prefix.length()), value.substring(1, value.length() - 1));
          } else {
            notes.property(parameters.where() + "." + name, "gateway response " + name);
          }
        });
    return headers;
  }

  private void method(Resource resource, Props props, Attachments attached) {
    props.ignore("OperationName", "MethodResponses", "RequestValidatorId", "RequestModels");
    String api = props.required("RestApiId");
    String path = path(props.required("ResourceId"), api, props.where() + ".ResourceId");
    String method = props.required("HttpMethod").toUpperCase(Locale.ROOT);
    reportAccess(props);
    ApiStage stage =
        stages
            .getOrDefault(api, restStage(api, "test-invoke-stage", Map.of()))
            .withBinaryMediaTypes(binaryMediaTypes.getOrDefault(api, List.of()));
    FunctionRefs.Target target = integration(props.child("Integration"), stage);
    if (target != null) {
      RequestModel model = requestModel(props, api);
      attached.event(
          target.logicalId(), new ApiEvent(resource.logicalId(), path, method, model, stage));
    }
    props.reportUnread(notes);
  }

  private void reportAccess(Props props) {
    String authorization = props.string("AuthorizationType", "NONE");
    if (!authorization.equals("NONE")) {
      notes.property(
          props.where() + ".AuthorizationType",
          "AuthorizationType " + authorization + " (requests are not authorized locally)");
    }
    props.ignore("AuthorizerId", "AuthorizationScopes");
    if (props.bool("ApiKeyRequired", false)) {
      notes.property(props.where() + ".ApiKeyRequired", "ApiKeyRequired (no API keys locally)");
    }
  }

  /** The function of an AWS_PROXY integration; null (reported) for any other integration. */
  private FunctionRefs.Target integration(Props integration, ApiStage stage) {
    if (integration == null) {
      return null;
    }
    integration.ignore("IntegrationHttpMethod");
    String type = integration.string("Type", "");
    FunctionRefs.Target target = null;
    if (!type.equals("AWS_PROXY")) {
      notes.property(integration.where(), "Integration of type " + type);
      integration.ignore(integration.keys().toArray(String[]::new));
    } else {
      String uri = withStageVariables(integration.required("Uri"), stage);
      String function = FunctionRefs.fromIntegrationUri(uri);
      target = refs.find(function, integration.where() + ".Uri").orElse(null);
      if (target == null) {
        notes.property(integration.where(), "Integration with " + function + " (not in the stack)");
      }
    }
    integration.reportUnread(notes);
    return target;
  }

  private static String withStageVariables(String uri, ApiStage stage) {
    String resolved = uri;
    for (Map.Entry<String, String> variable : stage.variables().entrySet()) {
      resolved =
          resolved.replace("${stageVariables." + variable.getKey() + "}", variable.getValue());
    }
    return resolved;
  }

  private RequestModel requestModel(Props props, String api) {
    String validatorId = props.string("RequestValidatorId");
    Validator validator = validatorId == null ? null : validators.get(validatorId);
    Props requestModels = props.child("RequestModels");
    if (validator != null && validator.parameters() && props.has("RequestParameters")) {
      notes.property(props.where() + ".RequestParameters", "RequestParameters validation");
    }
    if (validator == null || !validator.body() || requestModels == null) {
      return null;
    }
    Map<String, String> byType = requestModels.stringMap();
    String contentType =
        byType.containsKey(ApiReader.CONTENT_TYPE)
            ? ApiReader.CONTENT_TYPE
            : byType.keySet().iterator().next();
    String name = byType.get(contentType);
    Model model = models.get(api + "/" + name);
    if (model == null) {
      throw new TemplateException(
          requestModels.where() + ": model " + name + " is no AWS::ApiGateway::Model of " + api);
    }
    byType.keySet().stream()
        .filter(type -> !type.equals(contentType))
        .forEach(
            type -> notes.property(requestModels.where() + "." + type, "RequestModels " + type));
    return new RequestModel(name, contentType, model.schema(), invalidBodies.get(api));
  }

  /** The path of a resource id: {@code /} for the API's root, else its PathParts joined. */
  private String path(String resourceId, String api, String where) {
    StringBuilder path = new StringBuilder();
    String id = resourceId;
    Set<String> seen = new HashSet<>();
    String root = ids.getAtt(logicalIdOf(api), "RootResourceId");
    while (!id.equals(root)) {
      Node node = nodes.get(id);
      if (node == null || !seen.add(id)) {
        throw new TemplateException(
            where + ": " + id + " is no AWS::ApiGateway::Resource of " + api + " (or its root)");
      }
      path.insert(0, "/" + node.pathPart());
      id = node.parentId();
    }
    return path.isEmpty() ? "/" : path.toString();
  }

  private String logicalIdOf(String apiId) {
    return template.resources().stream()
        .filter(r -> r.type().equals(REST_API) && ids.ref(r.logicalId()).equals(apiId))
        .map(Resource::logicalId)
        .findFirst()
        .orElse(apiId);
  }
}
