package dev.idem.local.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The API and stage a route belongs to, as its proxy events name them.
 *
 * @param kind a REST API (API Gateway v1) or an HTTP API (v2)
 * @param apiId the API's id, as {@code requestContext.apiId} names it
 * @param name the stage's name ({@code requestContext.stage})
 * @param variables the stage's variables ({@code stageVariables})
 * @param payloadFormat the proxy event's format: {@code 1.0} (REST APIs always) or {@code 2.0}
 * @param binaryMediaTypes a REST API's {@code BinaryMediaTypes} as written ({@code image~1png})
 */
public record ApiStage(
    Kind kind,
    String apiId,
    String name,
    Map<String, String> variables,
    String payloadFormat,
    List<String> binaryMediaTypes) {

  private static final Set<String> FORMATS = Set.of("1.0", "2.0");

  /** The stage SAM's local API names when a template says nothing else. */
  public static final ApiStage SAM_DEFAULT =
      new ApiStage(Kind.REST, "idemlocal", "Prod", Map.of(), "1.0");

  /** The two API Gateway APIs that invoke functions with proxy events. */
  public enum Kind {
    /** {@code AWS::ApiGateway::RestApi}, {@code AWS::Serverless::Api}. */
    REST,
    /** {@code AWS::ApiGatewayV2::Api}, {@code AWS::Serverless::HttpApi}. */
    HTTP
  }

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the payload format is neither 1.0 nor 2.0, or a REST API
   *     asks for 2.0
   */
  public ApiStage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(apiId, "apiId");
    Objects.requireNonNull(name, "name");
    variables = Map.copyOf(variables);
    binaryMediaTypes = List.copyOf(binaryMediaTypes);
    if (!FORMATS.contains(payloadFormat) || (kind == Kind.REST && !payloadFormat.equals("1.0"))) {
      throw new IllegalArgumentException(
          "API " + apiId + ": payload format " + payloadFormat + " (1.0, or 2.0 for HTTP APIs)");
    }
  }

  /** A stage of an API without binary media types. */
  public ApiStage(
      Kind kind, String apiId, String name, Map<String, String> variables, String payloadFormat) {
    this(kind, apiId, name, variables, payloadFormat, List.of());
  }

  /** The same API and stage with another payload format (an HTTP API's integration chooses). */
  public ApiStage withPayloadFormat(String format) {
    return new ApiStage(kind, apiId, name, variables, format, binaryMediaTypes);
  }

  /** The same API and stage with the API's binary media types. */
  public ApiStage withBinaryMediaTypes(List<String> types) {
    return new ApiStage(kind, apiId, name, variables, payloadFormat, types);
  }
}
