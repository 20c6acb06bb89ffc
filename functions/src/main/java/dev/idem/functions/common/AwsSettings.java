package dev.idem.functions.common;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Where the AWS clients of a function point: the region, and endpoint overrides for the local cloud
 * or LocalStack; absent in AWS. The overrides follow the AWS SDKs' and CLI's convention: {@code
 * AWS_ENDPOINT_URL_<SERVICE>} (here {@code AWS_ENDPOINT_URL_DYNAMODB} and {@code
 * AWS_ENDPOINT_URL_EVENTBRIDGE}) for one service, else {@code AWS_ENDPOINT_URL} for all, and none
 * at all when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is {@code true}.
 *
 * @param region the region ({@code AWS_REGION}, default us-east-1)
 * @param endpoint the endpoint override for every service without its own, or null
 * @param serviceEndpoints endpoint overrides by service id ({@link #DYNAMODB}, {@link
 *     #EVENTBRIDGE})
 * @param environmentCredentials true when the credentials are in the environment (as in Lambda)
 */
public record AwsSettings(
    Region region,
    URI endpoint,
    Map<String, URI> serviceEndpoints,
    boolean environmentCredentials) {

  /** DynamoDB's service id, as in {@code AWS_ENDPOINT_URL_DYNAMODB}. */
  public static final String DYNAMODB = "DYNAMODB";

  /** EventBridge's service id, as in {@code AWS_ENDPOINT_URL_EVENTBRIDGE}. */
  public static final String EVENTBRIDGE = "EVENTBRIDGE";

  private static final List<String> SERVICES = List.of(DYNAMODB, EVENTBRIDGE);

  public AwsSettings {
    serviceEndpoints = Map.copyOf(serviceEndpoints);
  }

  /** Settings with one endpoint override (or null) for every service. */
  public AwsSettings(Region region, URI endpoint, boolean environmentCredentials) {
    this(region, endpoint, Map.of(), environmentCredentials);
  }

  /** Settings from a function's environment. */
  public static AwsSettings fromEnv(Env env) {
    Region region = Region.of(env.optional("AWS_REGION", "us-east-1"));
    boolean environmentCredentials = env.optional("AWS_ACCESS_KEY_ID", null) != null;
    if ("true".equalsIgnoreCase(env.optional("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"))) {
      return new AwsSettings(region, null, environmentCredentials);
    }
    Map<String, URI> services = new LinkedHashMap<>();
    for (String service : SERVICES) {
      String variable = "AWS_ENDPOINT_URL_" + service;
      if (env.optional(variable, null) != null) {
        services.put(service, env.requiredUrl(variable));
      }
    }
    URI endpoint =
        env.optional("AWS_ENDPOINT_URL", null) == null ? null : env.requiredUrl("AWS_ENDPOINT_URL");
    return new AwsSettings(region, endpoint, services, environmentCredentials);
  }

  /** The endpoint override for every service without its own, when there is one. */
  public Optional<URI> endpointOverride() {
    return Optional.ofNullable(endpoint);
  }

  /** The endpoint override for {@code service} ({@link #DYNAMODB}, …), when there is one. */
  public Optional<URI> endpointOverride(String service) {
    URI own = serviceEndpoints.get(service);
    return own != null ? Optional.of(own) : endpointOverride();
  }
}
