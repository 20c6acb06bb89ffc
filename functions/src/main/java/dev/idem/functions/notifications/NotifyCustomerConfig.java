package dev.idem.functions.notifications;

import dev.idem.functions.common.AwsSettings;
import dev.idem.functions.common.Env;
import dev.idem.functions.fulfilment.ProviderTimeouts;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * NotifyCustomerFunction's configuration.
 *
 * @param idempotencyTable the idempotency table ({@code IDEMPOTENCY_TABLE})
 * @param notificationProviderUrl the notification provider's base URL ({@code
 *     NOTIFICATION_PROVIDER_URL})
 * @param providerTimeout how long one send may take ({@code NOTIFICATION_PROVIDER_TIMEOUT_MS},
 *     default 2000)
 * @param aws region and endpoint of the AWS clients
 * @param serviceName the name in logs and metrics ({@code POWERTOOLS_SERVICE_NAME}, default {@code
 *     notify-customer})
 */
public record NotifyCustomerConfig(
    String idempotencyTable,
    URI notificationProviderUrl,
    Duration providerTimeout,
    AwsSettings aws,
    String serviceName) {

  /**
   * Reads the configuration from a function's environment.
   *
   * @throws IllegalStateException naming a variable that is missing or invalid
   */
  public static NotifyCustomerConfig fromEnv(Map<String, String> variables) {
    Env env = new Env(variables);
    return new NotifyCustomerConfig(
        env.required("IDEMPOTENCY_TABLE"),
        env.requiredUrl("NOTIFICATION_PROVIDER_URL"),
        ProviderTimeouts.fromEnv(env, "NOTIFICATION_PROVIDER_TIMEOUT_MS"),
        AwsSettings.fromEnv(env),
        env.optional("POWERTOOLS_SERVICE_NAME", "notify-customer"));
  }
}
