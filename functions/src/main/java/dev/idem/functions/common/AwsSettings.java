package dev.idem.functions.common;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Where the AWS clients of a function point: the region, and an endpoint override for the local
 * cloud or LocalStack ({@code AWS_ENDPOINT_URL}); absent in AWS.
 *
 * @param region the region ({@code AWS_REGION}, default us-east-1)
 * @param endpoint the endpoint override, or null
 * @param environmentCredentials true when the credentials are in the environment (as in Lambda)
 */
public record AwsSettings(Region region, URI endpoint, boolean environmentCredentials) {

  /** Settings from a function's environment. */
  public static AwsSettings fromEnv(Env env) {
    String endpoint = env.optional("AWS_ENDPOINT_URL", null);
    return new AwsSettings(
        Region.of(env.optional("AWS_REGION", "us-east-1")),
        endpoint == null ? null : URI.create(endpoint),
        env.optional("AWS_ACCESS_KEY_ID", null) != null);
  }

  /** The endpoint override, when there is one. */
  public Optional<URI> endpointOverride() {
    return Optional.ofNullable(endpoint);
  }
}
