package dev.idem.local.sources.api;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.idem.local.http.Request;
import dev.idem.local.sources.Json;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Checks request bodies against a method's model as API Gateway does
 * (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html):
 * only a body whose content type has a model is validated (a missing {@code Content-Type} counts as
 * {@code application/json}, API Gateway's default; parameters such as {@code charset} are ignored);
 * others pass through unchecked. An empty body is validated as {@code {}}. Models are JSON Schema
 * draft 4, checked with the networknt validator: the messages differ from API Gateway's, the
 * verdicts follow the draft.
 */
final class BodyValidator {

  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

  private final String contentType;
  private final Schema schema;

  private BodyValidator(String contentType, Schema schema) {
    this.contentType = contentType.toLowerCase(Locale.ROOT);
    this.schema = schema;
  }

  /**
   * Compiles the validation's model.
   *
   * @throws IllegalArgumentException when the model is not a JSON Schema
   */
  static BodyValidator of(BodyValidation validation) {
    try {
      return new BodyValidator(
          validation.contentType(), SCHEMAS.getSchema(validation.schema(), InputFormat.JSON));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("The request model is not a JSON Schema", e);
    }
  }

  /** What is wrong with the request's body; empty when it is valid or has no model. */
  List<String> problems(Request request) {
    if (!contentType.equals("$default") && !contentType.equals(mediaType(request))) {
      return List.of();
    }
    String body = request.body().length == 0 ? "{}" : request.bodyText();
    if (!isJson(body)) {
      return List.of("the body is not valid JSON");
    }
    return schema.validate(body, InputFormat.JSON).stream().map(BodyValidator::describe).toList();
  }

  /** {@code /lines/0/quantity: must have a maximum value of 1000}; the root as the body. */
  private static String describe(Error error) {
    String location = error.getInstanceLocation().toString();
    return (location.isEmpty() ? "body" : location) + ": " + error.getMessage();
  }

  private static boolean isJson(String body) {
    try {
      return Json.MAPPER.readTree(body) != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String mediaType(Request request) {
    String declared = request.header("Content-Type").orElse("application/json");
    int parameters = declared.indexOf(';');
    return (parameters < 0 ? declared : declared.substring(0, parameters))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
