package dev.idem.local.console;

import dev.idem.local.aws.AwsService;
import dev.idem.local.edge.EdgeInterceptor;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.RunningInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS calls through the edge that change something — DynamoDB writes, SQS sends, EventBridge
 * PutEvents, Lambda Invoke — with their answers, in a {@link Ring}. It wraps the fault injector
 * ({@link dev.idem.local.edge.EdgeRouter#interceptOutside}), so a call a fault refused or answered
 * is kept with the answer its caller got. Reads, polls and the console's own calls are not kept; on
 * the call's path it only reads two headers and copies the bodies it keeps. Thread-safe.
 */
final class CallLog implements EdgeInterceptor {

  /** The operations kept: the ones that change state or pass work on. */
  static final Set<String> KEPT =
      Set.of(
          "PutItem",
          "UpdateItem",
          "DeleteItem",
          "TransactWriteItems",
          "BatchWriteItem",
          "SendMessage",
          "SendMessageBatch",
          "PutEvents",
          "Invoke");

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
  private static final Pattern INVOKE_PATH =
      Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");

  /**
   * One call.
   *
   * @param sequence its number since the console started, from 1
   * @param at when it arrived
   * @param duration until its answer
   * @param service e.g. {@code dynamodb}
   * @param operation e.g. {@code PutItem}
   * @param function the function whose instance made it, or null (a test, the CLI)
   * @param requestId that instance's invocation request id, or null
   * @param status the HTTP status answered; 0 when the connection was dropped
   * @param request the request body, as kept ({@link Texts#keep})
   * @param response the answer's body, as kept
   * @param invoked for Invoke, the function called; else null
   */
  record Entry(
      long sequence,
      Instant at,
      Duration duration,
      String service,
      String operation,
      String function,
      String requestId,
      int status,
      String request,
      String response,
      String invoked) {

    long storedChars() {
      return (long) request.length() + response.length();
    }
  }

  private final Ring<Entry> ring;
  private final Clock clock;
  private final Function<String, Optional<RunningInstance>> instances;

  /**
   * @param instances the function instance signing with an access key id, if any
   */
  CallLog(int capacity, Clock clock, Function<String, Optional<RunningInstance>> instances) {
    this.ring = new Ring<>(capacity);
    this.clock = clock;
    this.instances = instances;
  }

  @Override
  public Response around(Request request, AwsService service, Forward next) throws Exception {
    String operation = operation(request, service);
    if (operation == null || !KEPT.contains(operation)) {
      return next.send();
    }
    Instant at = clock.instant();
    long begin = System.nanoTime();
    Optional<RunningInstance> caller = caller(request);
    String function = caller.map(RunningInstance::functionName).orElse(null);
    String requestId = caller.map(RunningInstance::requestId).orElse(null);
    Response response = next.send();
    Duration duration = Duration.ofNanos(System.nanoTime() - begin);
    String requestText = Texts.keep(request.body());
    String responseText = response.dropsConnection() ? "" : Texts.keep(response.body());
    int status = response.dropsConnection() ? 0 : response.status();
    String invoked = invokedFunction(request, service);
    ring.add(sequence ->
        new Entry(
            sequence,
            at,
            duration,
            service.signingName(),
            operation,
            function,
            requestId,
            status,
            requestText,
            responseText,
            invoked));
    return response;
  }

  /** At most {@code limit} of the kept calls, newest first. */
  List<Entry> recent(int limit) {
    return ring.recent(limit);
  }

  /** Every kept call, newest first. */
  List<Entry> all() {
    return ring.all();
  }

  private Optional<RunningInstance> caller(Request request) {
    Matcher credential = CREDENTIAL.matcher(request.header("Authorization").orElse(""));
    return credential.find() ? instances.apply(credential.group(1)) : Optional.empty();
  }

  /** The operation from the headers or path alone: the body is not parsed on the call's path. */
  private static String operation(Request request, AwsService service) {
    Optional<String> target = request.header("X-Amz-Target");
    if (target.isPresent()) {
      String value = target.get();
      return value.substring(value.indexOf('.') + 1);
    }
    if (service == AwsService.LAMBDA) {
      return INVOKE_PATH.matcher(request.path()).matches() ? "Invoke" : null;
    }
    String form = request.rawQuery() == null ? "" : request.rawQuery();
    if ("POST".equals(request.method())) {
      form = form + "&" + request.bodyText();
    }
    for (String pair : form.split("&")) {
      if (pair.startsWith("Action=")) {
        return pair.substring("Action=".length());
      }
    }
    return null;
  }

  private static String invokedFunction(Request request, AwsService service) {
    if (service != AwsService.LAMBDA) {
      return null;
    }
    Matcher path = INVOKE_PATH.matcher(request.path());
    if (!path.matches()) {
      return null;
    }
    String name =
        java.net.URLDecoder.decode(path.group(1), java.nio.charset.StandardCharsets.UTF_8);
    String[] parts = name.split(":");
    return name.startsWith("arn:") && parts.length > 6 ? parts[6] : parts[0];
  }
}
