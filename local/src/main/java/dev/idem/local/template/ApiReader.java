package dev.idem.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what an {@code AWS::Serverless::Api} declares for request validation: the {@code Models} an
 * {@code Api} event's {@code RequestModel} names, and the gateway response to an invalid body
 * ({@code GatewayResponses} of type {@code BAD_REQUEST_BODY}, else {@code DEFAULT_4XX}). SAM's rule
 * for the validator: an event validates its body when {@code ValidateBody} is true; the model
 * applies to {@code application/json} bodies.
 */
final class ApiReader {

  static final String CONTENT_TYPE = "application/json";

  private static final Set<String> INVALID_BODY_TYPES = Set.of("BAD_REQUEST_BODY", "DEFAULT_4XX");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;
  private final Intrinsics intrinsics;

  ApiReader(Template template, ResourceIds ids, NotEmulated notes, Intrinsics intrinsics) {
    this.template = template;
    this.ids = ids;
    this.notes = notes;
    this.intrinsics = intrinsics;
  }

  /**
   * The stage an {@code Api} event's routes are served in: its API's {@code StageName} and {@code
   * Variables}, or SAM's implicit API's ({@link ApiStage#SAM_DEFAULT}) without a {@code RestApiId}.
   */
  ApiStage stage(String restApiId) {
    Props api = restApiId == null ? null : serverlessApi(restApiId);
    if (api == null) {
      return restApiId == null
          ? ApiStage.SAM_DEFAULT.withBinaryMediaTypes(implicitApiBinaryMediaTypes())
          : new ApiStage(ApiStage.Kind.REST, restApiId, "Prod", Map.of(), "1.0");
    }
    Props variables = api.child("Variables");
    return new ApiStage(
        ApiStage.Kind.REST,
        restApiId,
        api.string("StageName", "Prod"),
        variables == null ? Map.of() : variables.stringMap(),
        "1.0",
        api.strings("BinaryMediaTypes"));
  }

  /** SAM's implicit API takes {@code Globals.Api}, as every {@code AWS::Serverless::Api} does. */
  @SuppressWarnings("unchecked")
  private List<String> implicitApiBinaryMediaTypes() {
    Object globals = template.section("Globals").get("Api");
    return globals instanceof Map<?, ?> api
        ? new Props((Map<String, Object>) api, "Globals.Api", intrinsics)
            .strings("BinaryMediaTypes")
        : List.of();
  }

  /** Marks what the API declares for its events as read; reports the gateway responses ignored. */
  void api(Props props) {
    props.ignore(
        "Name",
        "StageName",
        "Variables",
        "Description",
        "OpenApiVersion",
        "Models",
        "BinaryMediaTypes");
    Props responses = props.child("GatewayResponses");
    if (responses == null) {
      return;
    }
    for (String type : responses.keys()) {
      if (type.equals("DEFAULT_4XX")) {
        // Every 4xx API Gateway answers itself falls back on it; locally, invalid bodies only.
        notes.property(
            responses.where() + "." + type, "GatewayResponses DEFAULT_4XX beyond invalid bodies");
      } else if (!INVALID_BODY_TYPES.contains(type)) {
        notes.property(responses.where() + "." + type, "GatewayResponses " + type);
      }
    }
  }

  /**
   * The body validation of an {@code Api} event's properties, or null when it validates none.
   *
   * @throws TemplateException when the model is not in the {@code Models} of the event's API
   */
  RequestModel requestModel(Props event) {
    String restApiId = event.string("RestApiId");
    Props model = event.child("RequestModel");
    if (model == null) {
      return null;
    }
    String name = model.required("Model");
    boolean validateBody = model.bool("ValidateBody", false);
    // Required only marks the OpenAPI body required; ValidateParameters checks required request
    // parameters, which are not emulated (an event's RequestParameters is reported).
    model.ignore("Required", "ValidateParameters");
    model.reportUnread(notes);
    if (!validateBody) {
      return null;
    }
    Props api = api(restApiId, model.where());
    return new RequestModel(
        name,
        CONTENT_TYPE,
        schema(api, name, model.where()),
        invalidBody(api.child("GatewayResponses")));
  }

  private Props api(String restApiId, String where) {
    Props api = restApiId == null ? null : serverlessApi(restApiId);
    if (api == null) {
      throw new TemplateException(
          where + ": a RequestModel needs RestApiId to name an AWS::Serverless::Api");
    }
    return api;
  }

  /** The AWS::Serverless::Api whose Ref is {@code restApiId}, or null. */
  private Props serverlessApi(String restApiId) {
    return template.resources().stream()
        .filter(r -> r.type().equals(SpecReader.API))
        .filter(r -> ids.ref(r.logicalId()).equals(restApiId))
        .findFirst()
        .map(r -> new Props(r.properties(), r.logicalId(), intrinsics))
        .orElse(null);
  }

  private String schema(Props api, String name, String where) {
    Props models = api.child("Models");
    String known = models == null ? null : matching(models, name);
    if (known == null) {
      throw new TemplateException(
          where + ": model " + name + " is not in the Models of " + api.where());
    }
    try {
      return JSON.writeValueAsString(models.value(known));
    } catch (JsonProcessingException e) {
      throw new TemplateException(models.where() + "." + known + " cannot be written as JSON", e);
    }
  }

  /** SAM matches model names in any letter case. */
  private static String matching(Props models, String name) {
    return models.keys().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  private RequestModel.InvalidBody invalidBody(Props responses) {
    Props response = responses == null ? null : responses.child("BAD_REQUEST_BODY");
    if (response == null && responses != null) {
      response = responses.child("DEFAULT_4XX");
    }
    if (response == null) {
      return null;
    }
    Props parameters = response.child("ResponseParameters");
    Props headers = parameters == null ? null : parameters.child("Headers");
    Props templates = response.child("ResponseTemplates");
    RequestModel.InvalidBody invalid =
        new RequestModel.InvalidBody(
            response.integer("StatusCode"),
            headers == null ? Map.of() : staticValues(headers),
            templates == null ? Map.of() : templates.stringMap());
    if (parameters != null) {
      parameters.reportUnread(notes);
    }
    response.reportUnread(notes);
    return invalid;
  }

  /** The header values written as static text ('value'); others name request values. */
  private Map<String, String> staticValues(Props headers) {
    Map<String, String> values = new LinkedHashMap<>();
    headers
        .stringMap()
        .forEach((name, value) -> {
          if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            values.put(name, value.substring(1, value.length() - 1));
          } else {
            notes.property(headers.where() + "." + name, "gateway response header from " + value);
          }
        });
    return values;
  }
}
