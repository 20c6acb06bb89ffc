package dev.idem.infra.parity;

import dev.idem.infra.support.CfnTemplate;
import java.util.List;
import java.util.Map;

/**
 * What the shape comparison needs from a template, whichever way it declares it: SAM's
 * AWS::Serverless::* resources with their Globals, or the plain CloudFormation CDK synthesizes.
 */
interface TemplateModel {

  CfnTemplate template();

  Resolver resolver();

  /** The functions by logical id. */
  Map<String, FunctionView> functions();

  /** The API's routes. */
  List<RouteView> routes();

  /** The API's settings, as comparable values. */
  Map<String, Object> api();

  /**
   * The API's request validation, as comparable values: for each method with a model ({@code POST
   * /orders}), the model's schema, its content type and what the validator checks; and under {@code
   * invalidBody} the {@code BAD_REQUEST_BODY} gateway response (status, headers, template).
   */
  Map<String, Object> requestValidation();

  /**
   * A function as declared.
   *
   * @param properties its properties, Globals merged in and resolved
   * @param logGroupId the log group its LoggingConfig names
   * @param provisionedConcurrency the provisioned concurrency of its alias, or null
   * @param policies its identity policy statements that the template declares for it
   */
  record FunctionView(
      String id,
      String handler,
      Map<String, Object> properties,
      String logGroupId,
      Object provisionedConcurrency,
      List<EventView> events,
      List<Map<String, Object>> policies) {}

  /**
   * An event source mapping.
   *
   * @param type {@code SQS} or {@code DynamoDB}
   * @param sourceId the queue or the table (for its stream)
   * @param onFailureId the on-failure destination queue, or null
   * @param settings its other properties, resolved
   */
  record EventView(
      String type, String sourceId, String onFailureId, Map<String, Object> settings) {}

  /** A route of the API: method, path, the handler behind it and the alias invoked, or null. */
  record RouteView(String method, String path, String handler, String alias) {}
}
