package dev.idem.local;

import dev.idem.testing.LocalAccount;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * {@code bin/idem invoke FUNCTION --event FILE [--endpoint URL]}: what {@code sam local invoke}
 * does, against a running local cloud (or any endpoint with Lambda's Invoke API). Prints the
 * function's log tail to standard error and its response to standard output. Exit status 0 on
 * success, 1 when the function fails or cannot be reached, 2 for bad arguments or a missing event
 * file.
 */
public final class InvokeMain {

  static final String USAGE =
      """
      usage: bin/idem invoke FUNCTION --event FILE [--endpoint URL]

        FUNCTION        the function's name (FunctionName, or its logical id)
        --event FILE    the event, e.g. events/samples/get-order.json
        --endpoint URL  the Lambda API (default http://127.0.0.1:4566, the local cloud's edge)
      """;

  static final URI DEFAULT_ENDPOINT = URI.create("http://127.0.0.1:4566");

  private InvokeMain() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Invokes the function; returns the exit status. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    Request request;
    byte[] event;
    try {
      request = Request.parse(args);
      event = Files.readAllBytes(request.event());
    } catch (IllegalArgumentException e) {
      err.println("idem invoke: " + e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (IOException e) {
      err.println("idem invoke: cannot read the event file " + e.getMessage());
      return 2;
    }
    try (LambdaClient lambda = client(request.endpoint())) {
      return print(request, invoke(lambda, request.function(), event), out, err);
    } catch (SdkClientException e) {
      err.println(
          "idem invoke: cannot reach "
              + request.endpoint()
              + " (is bin/idem local running?): "
              + LocalCloudMain.firstLine(e));
      return 1;
    } catch (SdkException e) {
      err.println("idem invoke: " + LocalCloudMain.firstLine(e));
      return 1;
    }
  }

  /**
   * The command line.
   *
   * @param function the function's name
   * @param event the event file
   * @param endpoint the Lambda API's endpoint
   */
  record Request(String function, Path event, URI endpoint) {

    static Request parse(List<String> args) {
      String function = null;
      Path event = null;
      URI endpoint = DEFAULT_ENDPOINT;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("--event") || arg.equals("--endpoint")) {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          String value = args.get(++i);
          if (arg.equals("--event")) {
            event = Path.of(value);
          } else {
            endpoint = URI.create(value);
          }
        } else if (arg.startsWith("-") || function != null) {
          throw new IllegalArgumentException("unexpected argument " + arg);
        } else {
          function = arg;
        }
      }
      return validated(function, event, endpoint);
    }

    private static Request validated(String function, Path event, URI endpoint) {
      if (function == null) {
        throw new IllegalArgumentException("name the FUNCTION to invoke");
      }
      if (event == null) {
        throw new IllegalArgumentException("--event FILE is required");
      }
      if (!Files.isRegularFile(event)) {
        throw new IllegalArgumentException("no event file at " + event);
      }
      return new Request(function, event, endpoint);
    }
  }

  private static InvokeResponse invoke(LambdaClient lambda, String function, byte[] event) {
    return lambda.invoke(
        r -> r.functionName(function).logType(LogType.TAIL).payload(SdkBytes.fromByteArray(event)));
  }

  private static int print(
      Request request, InvokeResponse response, PrintStream out, PrintStream err) {
    if (response.logResult() != null) {
      String log =
          new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
      err.print(log.isEmpty() || log.endsWith("\n") ? log : log + "\n");
    }
    out.println(response.payload() == null ? "" : response.payload().asUtf8String());
    if (response.functionError() != null) {
      err.println(
          "idem invoke: " + request.function() + " failed (" + response.functionError() + ")");
      return 1;
    }
    return 0;
  }

  private static LambdaClient client(URI endpoint) {
    return LambdaClient.builder()
        .endpointOverride(endpoint)
        .region(LocalAccount.SDK_REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofMinutes(16)))
        .build();
  }
}
