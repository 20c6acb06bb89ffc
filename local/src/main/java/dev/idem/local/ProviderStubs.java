package dev.idem.local;

import dev.idem.local.http.PortInUseException;
import dev.idem.testing.StubProvider;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payment and notification providers' stand-ins, started for a template that declares their URL
 * parameters ({@code PaymentProviderUrl}, {@code NotificationProviderUrl}) when no value is given
 * for them; their URLs become those parameters' values.
 */
final class ProviderStubs implements AutoCloseable {

  static final String PAYMENT_PARAMETER = "PaymentProviderUrl";
  static final String NOTIFICATION_PARAMETER = "NotificationProviderUrl";

  private final StubProvider payments;
  private final StubProvider notifications;

  private ProviderStubs(StubProvider payments, StubProvider notifications) {
    this.payments = payments;
    this.notifications = notifications;
  }

  /**
   * Starts the stubs the template's parameters call for.
   *
   * @param declared the template's parameter names
   * @param given the parameter values given at start
   * @throws PortInUseException when a stub's port is taken
   */
  static ProviderStubs start(
      Iterable<String> declared,
      Map<String, String> given,
      String bindAddress,
      int paymentsPort,
      int notifyPort) {
    List<String> wanted = new ArrayList<>();
    declared.forEach(name -> {
      if (!given.containsKey(name)) {
        wanted.add(name);
      }
    });
    StubProvider payments =
        wanted.contains(PAYMENT_PARAMETER)
            ? stub("payments stub", "ch", bindAddress, paymentsPort)
            : null;
    try {
      StubProvider notifications =
          wanted.contains(NOTIFICATION_PARAMETER)
              ? stub("notifications stub", "msg", bindAddress, notifyPort)
              : null;
      return new ProviderStubs(payments, notifications);
    } catch (RuntimeException e) {
      if (payments != null) {
        payments.close();
      }
      throw e;
    }
  }

  /**
   * Lets the fault injector lose the stubs' answers (rules name them {@code payments}, {@code
   * notifications}).
   */
  void faults(dev.idem.local.faults.FaultHooks hooks) {
    if (payments != null) {
      payments.faults(hooks.stub("payments"));
    }
    if (notifications != null) {
      notifications.faults(hooks.stub("notifications"));
    }
  }

  /** The given parameters plus the stubs' URLs. */
  Map<String, String> parameters(Map<String, String> given) {
    Map<String, String> all = new LinkedHashMap<>(given);
    payments().ifPresent(url -> all.put(PAYMENT_PARAMETER, url.toString()));
    notifications().ifPresent(url -> all.put(NOTIFICATION_PARAMETER, url.toString()));
    return all;
  }

  /** The payments stub's URL ({@code GET /charges} lists the charges), if it runs. */
  Optional<URI> payments() {
    return Optional.ofNullable(payments).map(StubProvider::url);
  }

  /** The notifications stub's URL ({@code GET /messages} lists the messages), if it runs. */
  Optional<URI> notifications() {
    return Optional.ofNullable(notifications).map(StubProvider::url);
  }

  @Override
  public void close() {
    if (notifications != null) {
      notifications.close();
    }
    if (payments != null) {
      payments.close();
    }
  }

  private static StubProvider stub(String name, String idPrefix, String bindAddress, int port) {
    try {
      return StubProvider.start(idPrefix, bindAddress, port);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        throw new PortInUseException(name, port, e);
      }
      throw e;
    }
  }
}
