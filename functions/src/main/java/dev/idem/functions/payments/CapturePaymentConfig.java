package dev.idem.functions.payments;

import dev.idem.functions.common.AwsSettings;
import dev.idem.functions.common.Env;
import dev.idem.functions.fulfilment.ProviderTimeouts;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * CapturePaymentFunction's configuration.
 *
 * @param ordersTable the Orders table ({@code ORDERS_TABLE})
 * @param idempotencyTable the idempotency table ({@code IDEMPOTENCY_TABLE})
 * @param paymentProviderUrl the payment provider's base URL ({@code PAYMENT_PROVIDER_URL})
 * @param providerTimeout how long one charge request may take ({@code PAYMENT_PROVIDER_TIMEOUT_MS},
 *     default 2000)
 * @param aws region and endpoint of the AWS clients
 * @param serviceName the name in logs and metrics ({@code POWERTOOLS_SERVICE_NAME}, default {@code
 *     capture-payment})
 */
public record CapturePaymentConfig(
    String ordersTable,
    String idempotencyTable,
    URI paymentProviderUrl,
    Duration providerTimeout,
    AwsSettings aws,
    String serviceName) {

  /**
   * Reads the configuration from a function's environment.
   *
   * @throws IllegalStateException naming a variable that is missing or invalid
   */
  public static CapturePaymentConfig fromEnv(Map<String, String> variables) {
    Env env = new Env(variables);
    return new CapturePaymentConfig(
        env.required("ORDERS_TABLE"),
        env.required("IDEMPOTENCY_TABLE"),
        env.requiredUrl("PAYMENT_PROVIDER_URL"),
        ProviderTimeouts.fromEnv(env, "PAYMENT_PROVIDER_TIMEOUT_MS"),
        AwsSettings.fromEnv(env),
        env.optional("POWERTOOLS_SERVICE_NAME", "capture-payment"));
  }
}
