package dev.idem.local;

import dev.idem.local.lambda.FunctionDefinition;
import dev.idem.local.lambda.RuntimeJdk;
import dev.idem.local.sources.api.ApiRoute;
import dev.idem.local.template.ResourceKind;
import dev.idem.local.template.StackSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The start-up summary: what runs where. */
final class Banner {

  private Banner() {}

  /**
   * The summary's lines.
   *
   * @param template the template's file
   * @param stack the resources created
   * @param aws the AWS endpoint, whether it is the local edge, and the instances' proxy
   * @param api the API's URL and routes, if it runs
   * @param stubs the running HTTP stubs' URLs, by name
   * @param sources one description per event source mapping
   */
  static List<String> lines(
      Path template,
      StackSpec stack,
      Aws aws,
      Optional<Api> api,
      Map<String, URI> stubs,
      List<String> sources) {
    List<String> lines = new ArrayList<>();
    lines.add("template " + template.toAbsolutePath().normalize() + ": " + counts(stack));
    lines.add(
        aws.edge()
            ? "edge     " + aws.url() + "  dynamodb, sqs, events, lambda (any credentials)"
            : "backend  " + aws.url() + "  dynamodb, sqs, events (no local edge, no Lambda API)");
    if (aws.proxy() != null) {
      lines.add(
          "proxy    "
              + aws.proxy()
              + "  *.amazonaws.com for the functions' JVMs, whatever their SDK and region"
              + " (TLS from a CA made for this run)");
    }
    api.ifPresent(a -> lines.add("api      " + a.url() + "  " + routes(a.routes())));
    stubs.forEach((name, url) ->
        lines.add("stub     " + url + "  " + name + " (GET <path> lists what it applied there)"));
    if (!sources.isEmpty()) {
      lines.add("sources  " + String.join(", ", sources));
    }
    return lines;
  }

  /**
   * The JDK each runtime runs on, and the code of the functions whose code is more than one jar
   * (how it was resolved).
   */
  static List<String> functionLines(List<RuntimeJdk> runtimes, List<FunctionDefinition> functions) {
    List<String> lines = new ArrayList<>();
    runtimes.forEach(runtime -> lines.add("runtime  " + runtime.describe()));
    String code =
        functions.stream()
            .filter(f -> !f.code().layout().equals("jar"))
            .map(f -> f.name() + ": " + f.code().layout())
            .collect(Collectors.joining(", "));
    if (!code.isEmpty()) {
      lines.add("code     " + code);
    }
    return lines;
  }

  /**
   * Where the AWS APIs are answered.
   *
   * @param proxy the proxy that sends the instances' calls to AWS hosts there, or null
   */
  record Aws(URI url, boolean edge, URI proxy) {}

  /** The REST API. */
  record Api(URI url, List<ApiRoute> routes) {}

  private static String counts(StackSpec stack) {
    return Arrays.stream(ResourceKind.values())
        .map(kind -> kind.count(stack.count(kind)))
        .collect(Collectors.joining(", "));
  }

  private static String routes(List<ApiRoute> routes) {
    return routes.stream()
        .map(r -> r.method() + " " + r.pathTemplate() + " -> " + r.functionName())
        .collect(Collectors.joining(", "));
  }
}
