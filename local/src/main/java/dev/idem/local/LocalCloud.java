package dev.idem.local;

import dev.idem.local.aws.AwsClients;
import dev.idem.local.aws.AwsService;
import dev.idem.local.code.CodeLayouts;
import dev.idem.local.code.FunctionCode;
import dev.idem.local.console.Capture;
import dev.idem.local.console.ConsoleApi;
import dev.idem.local.console.InvocationLog;
import dev.idem.local.edge.LocalAws;
import dev.idem.local.faults.EdgeFaults;
import dev.idem.local.faults.FaultApi;
import dev.idem.local.faults.FaultHooks;
import dev.idem.local.faults.FaultPlan;
import dev.idem.local.faults.Faults;
import dev.idem.local.http.HttpEndpoint;
import dev.idem.local.lambda.FunctionDefinition;
import dev.idem.local.lambda.InstanceProxy;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.LambdaApi;
import dev.idem.local.lambda.LambdaRuntime;
import dev.idem.local.lambda.Scaling;
import dev.idem.local.provision.ProvisionedStack;
import dev.idem.local.provision.Provisioner;
import dev.idem.local.proxy.CertificateAuthority;
import dev.idem.local.proxy.ProxyServer;
import dev.idem.local.sources.EventSources;
import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.api.ApiGateway;
import dev.idem.local.sources.api.ApiRoute;
import dev.idem.local.stubs.HttpStubs;
import dev.idem.local.stubs.StubSpec;
import dev.idem.local.template.CloudAssembly;
import dev.idem.local.template.StackContext;
import dev.idem.local.template.StackSpec;
import dev.idem.local.template.Template;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole system a template declares (SAM or plain CloudFormation, or a CDK stack's template in
 * its cloud assembly), on loopback: the AWS backends behind one edge port (DynamoDB, SQS,
 * EventBridge, Lambda's Invoke API), the template's resources, its functions (each instance a JVM
 * process), their SQS and DynamoDB stream event sources, the REST and HTTP APIs, the provider stubs
 * and the seed data. With {@link Options#endpoint()} set (LocalStack, any AWS-compatible endpoint)
 * no backend nor edge starts: the resources are created there, and only the functions, event
 * sources, API and stubs run here.
 *
 * <p>Start order: backends and edge, the instances' proxy (its certificate authority made
 * meanwhile), provider stubs, resources, functions (the instances their aliases' provisioned
 * concurrency asks for starting meanwhile), event sources, API, seed; once the provisioned
 * instances are initialized, the edge's health check answers "ready". {@link #close()} stops all in
 * reverse order, leaving no instance process, and prints each function's counts.
 *
 * {@snippet :
 * try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.defaults())) {
 *   // curl -X POST http://127.0.0.1:3000/orders -H 'Idempotency-Key: k1' -d '{...}'
 * }
 * }
 */
public final class LocalCloud implements AutoCloseable {

  /**
   * How to start the local cloud, immutable. Build one with {@link #builder()}, or change some with
   * {@link #toBuilder()}: {@code options.toBuilder().concurrencyLimit(3).build()}.
   *
   * @param template the template: SAM or plain CloudFormation, or a stack's in a CDK cloud assembly
   *     (its stack name and the other stacks' exports then come from the assembly)
   * @param edgePort the AWS endpoint's port (4566); 0 picks a free one
   * @param apiPort the REST API's port (3000); 0 picks a free one
   * @param stubs the project's HTTP stubs ({@link ProjectConfig}), with their ports (0: free)
   * @param parameters template parameter values, over the defaults
   * @param seed the seed file ({@code {"tables": {"<LogicalTableId>": [items]}}}), or null for none
   * @param concurrencyLimit the instance limit of functions without reserved concurrency (10)
   * @param endpoint another backend's endpoint, or null to run the embedded ones
   * @param console receives every line the local cloud and its function instances print
   * @param faults the faults to inject from the start (more may be added over the fault API)
   * @param bindAddress where the edge, the API and the stubs listen: {@code 127.0.0.1} (nothing
   *     beyond this machine can reach them); the backends, Runtime APIs and proxy always stay on
   *     loopback
   * @param timing the clock schedules fire by, and the asynchronous queue's waits ({@link
   *     Timing#REAL}; tests move a test clock)
   * @param scaling how many instances start at once and live together, and how many of each
   *     function start warm ({@link Scaling#forThisMachine()})
   * @param aotCache the folder of the instances' class-loading caches ({@code ~/.cache/idem/aot}),
   *     or null for plain starts
   * @param hotReload true to move a function to its new code when its jar or folder changes
   * @param watchSources true to rebuild the Maven modules of the functions' jars when their sources
   *     change ({@link SourceBuilds}); needs {@code hotReload}
   * @param proxyPort the port of the proxy through which instances reach AWS hosts (for SDKs that
   *     ignore {@code AWS_ENDPOINT_URL}); 0, the default, picks a free one
   * @param consoleCapacity how many entries the console at {@code /_idem/} keeps of each kind it
   *     captures (invocations, AWS calls, events, …; {@value
   *     dev.idem.local.console.InvocationLog#DEFAULT_CAPACITY}); 0 turns the console and all its
   *     capture off (a 404 at {@code /_idem/})
   */
  public record Options(
      Path template,
      int edgePort,
      int apiPort,
      List<StubSpec> stubs,
      Map<String, String> parameters,
      Path seed,
      int concurrencyLimit,
      URI endpoint,
      Consumer<String> console,
      FaultPlan faults,
      String bindAddress,
      Timing timing,
      Scaling scaling,
      Path aotCache,
      boolean hotReload,
      boolean watchSources,
      int proxyPort,
      int consoleCapacity) {

    /** The default edge port (LocalStack's convention). */
    public static final int EDGE_PORT = 4566;

    /** The default API port (SAM's {@code start-api} convention). */
    public static final int API_PORT = 3000;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when a port is outside 0..65535 or the limit below 1
     */
    public Options {
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(console, "console");
      Objects.requireNonNull(faults, "faults");
      Objects.requireNonNull(bindAddress, "bindAddress");
      Objects.requireNonNull(timing, "timing");
      Objects.requireNonNull(scaling, "scaling");
      if (watchSources && !hotReload) {
        throw new IllegalArgumentException("watching sources needs hot reload");
      }
      parameters = Map.copyOf(parameters);
      stubs = List.copyOf(stubs);
      for (int port : new int[] {edgePort, apiPort, proxyPort}) {
        if (port < 0 || port > 65_535) {
          throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
      }
      if (concurrencyLimit < 1) {
        throw new IllegalArgumentException("concurrency limit " + concurrencyLimit + " is below 1");
      }
      if (consoleCapacity < 0) {
        throw new IllegalArgumentException(
            "console capacity " + consoleCapacity + " is below 0 (0 turns the console off)");
      }
    }

    /**
     * {@code template.yaml} in the working folder with the stubs and seed of the {@value
     * ProjectConfig#FILE_NAME} beside it (if any), ports 4566 and 3000, no parameters, 10 instances
     * per function, embedded backends, {@code System.out}, no faults.
     */
    public static Options defaults() {
      return builder().build();
    }

    /** A builder holding {@link #defaults()}. */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
      Builder builder = new Builder();
      builder.template = template;
      builder.edgePort = edgePort;
      builder.apiPort = apiPort;
      builder.stubs = stubs;
      builder.parameters = parameters;
      builder.seed = seed;
      builder.concurrencyLimit = concurrencyLimit;
      builder.endpoint = endpoint;
      builder.console = console;
      builder.faults = faults;
      builder.bindAddress = bindAddress;
      builder.timing = timing;
      builder.scaling = scaling;
      builder.aotCache = aotCache;
      builder.hotReload = hotReload;
      builder.watchSources = watchSources;
      builder.proxyPort = proxyPort;
      builder.consoleCapacity = consoleCapacity;
      return builder;
    }

    /** Builds {@link Options}; each setter returns the builder. */
    public static final class Builder {
      private Path template = Path.of("template.yaml");
      private int edgePort = EDGE_PORT;
      private int apiPort = API_PORT;
      private List<StubSpec> stubs;
      private Map<String, String> parameters = Map.of();
      private Path seed;
      private int consoleCapacity = dev.idem.local.console.InvocationLog.DEFAULT_CAPACITY;
      private int concurrencyLimit = FunctionDefinition.DEFAULT_CONCURRENCY_LIMIT;
      private URI endpoint;
      private Consumer<String> console = System.out::println;
      private FaultPlan faults = FaultPlan.none();
      private String bindAddress = HttpEndpoint.LOOPBACK;
      private Timing timing = Timing.REAL;
      private Scaling scaling = Scaling.forThisMachine();
      private Path aotCache = LambdaRuntime.Options.defaultAotCache();
      private boolean hotReload = true;
      private boolean watchSources;
      private int proxyPort;
      private boolean freePorts;

      private Builder() {
        project(template);
      }

      /**
       * The template, and the stubs and seed of the {@value ProjectConfig#FILE_NAME} beside it
       * (none when there is no such file).
       *
       * @throws IllegalArgumentException when that file is not valid
       */
      public Builder project(Path value) {
        ProjectConfig config = ProjectConfig.beside(value);
        template = value;
        stubs = config.stubs();
        seed = config.seed();
        return this;
      }

      /** The HTTP stubs to start. */
      public Builder stubs(List<StubSpec> value) {
        stubs = value;
        return this;
      }

      /** The template. */
      public Builder template(Path value) {
        template = value;
        return this;
      }

      /** The edge's port; 0 for a free one. */
      public Builder edgePort(int value) {
        edgePort = value;
        return this;
      }

      /** The REST API's port; 0 for a free one. */
      public Builder apiPort(int value) {
        apiPort = value;
        return this;
      }

      /** The instances' proxy's port; 0 (the default) for a free one. */
      public Builder proxyPort(int value) {
        proxyPort = value;
        return this;
      }

      /**
       * Every port 0, the stubs' too: free ones, for tests. It holds whatever is set before or
       * after it (a template whose project brings stubs, a port).
       */
      public Builder freePorts() {
        freePorts = true;
        return this;
      }

      /** Template parameter values. */
      public Builder parameters(Map<String, String> value) {
        parameters = value;
        return this;
      }

      /** The seed file, or null for none. */
      public Builder seed(Path value) {
        seed = value;
        return this;
      }

      /** The instance limit of functions without reserved concurrency. */
      public Builder concurrencyLimit(int value) {
        concurrencyLimit = value;
        return this;
      }

      /** Another backend's endpoint, or null for the embedded ones. */
      public Builder endpoint(URI value) {
        endpoint = value;
        return this;
      }

      /** Where every line goes. */
      public Builder console(Consumer<String> value) {
        console = value;
        return this;
      }

      /** The faults to inject from the start. */
      public Builder faults(FaultPlan value) {
        faults = value;
        return this;
      }

      /** Where the edge, the API and the stubs listen (default {@code 127.0.0.1}). */
      public Builder bindAddress(String value) {
        bindAddress = value;
        return this;
      }

      /** The clock schedules fire by and the asynchronous queue's waits (default real time). */
      public Builder timing(Timing value) {
        timing = value;
        return this;
      }

      /** Whether to rebuild the functions' Maven modules when their sources change (false). */
      public Builder watchSources(boolean value) {
        watchSources = value;
        return this;
      }

      /** Whether a function moves to its new code when its jar or folder changes (true). */
      public Builder hotReload(boolean value) {
        hotReload = value;
        return this;
      }

      /** The folder of the instances' class-loading caches, or null for plain starts. */
      public Builder aotCache(Path value) {
        aotCache = value;
        return this;
      }

      /** Instance pacing, the cloud's ceiling, warm instances. */
      public Builder scaling(Scaling value) {
        scaling = value;
        return this;
      }

      /** How many entries the console keeps of each kind it captures; 0 turns the console off. */
      public Builder consoleCapacity(int value) {
        consoleCapacity = value;
        return this;
      }

      /**
       * The options.
       *
       * @throws IllegalArgumentException when a port or the limit is out of range
       */
      public Options build() {
        return new Options(
            template,
            freePorts ? 0 : edgePort,
            freePorts ? 0 : apiPort,
            freePorts ? stubs.stream().map(stub -> stub.withPort(0)).toList() : stubs,
            parameters,
            seed,
            concurrencyLimit,
            endpoint,
            console,
            faults,
            bindAddress,
            timing,
            scaling,
            aotCache,
            hotReload,
            watchSources,
            freePorts ? 0 : proxyPort,
            consoleCapacity);
      }
    }
  }

  private final Options options;
  private final Consumer<String> console;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private LocalAws aws;
  private AwsClients clients;
  private URI awsEndpoint;
  private HttpStubs stubs;
  private ProvisionedStack provisioned;
  private Map<String, FunctionCode> code = Map.of();
  private LambdaRuntime lambda;
  private EventSources sources;
  private HttpEndpoint api;
  private ProxyServer proxy;
  private List<ApiRoute> apiRoutes = List.of();
  private Duration readyTime;
  private final Faults faults;
  private final FaultHooks faultHooks;
  private Capture capture; // null when the console is off or there is no edge

  private LocalCloud(Options options) {
    this.options = options;
    this.console = options.console();
    this.faults = Faults.start(options.faults(), console);
    this.faultHooks = new FaultHooks(faults, this::instance);
  }

  private Optional<dev.idem.local.lambda.RunningInstance> instance(String accessKeyId) {
    LambdaRuntime runtime = lambda;
    return runtime == null ? Optional.empty() : runtime.instance(accessKeyId);
  }

  /**
   * Starts everything and returns once ready.
   *
   * @throws dev.idem.local.http.PortInUseException when a port is taken
   * @throws dev.idem.local.template.TemplateException when the template cannot be read or resolved
   * @throws IllegalStateException when a function's jar is missing, or a resource or event source
   *     cannot be created
   * @throws IllegalArgumentException when the seed file does not fit the template
   * @throws java.io.UncheckedIOException when the template or seed file cannot be read
   */
  public static LocalCloud start(Options options) {
    long begin = System.nanoTime();
    LocalCloud cloud = new LocalCloud(options);
    try {
      cloud.run(begin);
      return cloud;
    } catch (RuntimeException e) {
      cloud.stop();
      throw e;
    }
  }

  private void run(long begin) {
    if (!options.bindAddress().equals(HttpEndpoint.LOOPBACK)) {
      console.accept(
          "warning: listening on "
              + options.bindAddress()
              + ": the local cloud has no authentication, so whoever reaches this address can"
              + " read and change its tables, queues and functions");
    }
    // Made, with the proxy's trust store, in the background: 0.3 s or more of a loaded machine's
    // time that only an instance's start waits for.
    CompletableFuture<CertificateAuthority> authority =
        CompletableFuture.supplyAsync(
            () -> CertificateAuthority.generate(Clock.systemUTC()),
            task -> Thread.ofVirtual().name("idem-ca").start(task));
    Template template = loadTemplate();
    code = resolveCode(template);
    startBackend();
    startProxy(authority);
    provisioned = new Provisioner(clients).provision(template);
    if (!provisioned.stack().notEmulated().isEmpty()) {
      console.accept(provisioned.stack().notEmulated().summary());
    }
    List<FunctionDefinition> functions = startFunctions();
    CompletableFuture<Map<String, Integer>> provisioning = lambda.provision();
    SourceContext context =
        new SourceContext(
            lambda, Clock.systemUTC(), call -> console.accept(call.logLine()), faultHooks);
    startEventSources(functions, context);
    startApi(context);
    Optional<Seed.Summary> seeded = seed();
    Map<String, Integer> warm = provisioning.join();
    if (aws != null) {
      aws.router().markReady();
    }
    readyTime = Duration.ofNanos(System.nanoTime() - begin);
    printSummary(seeded, warm);
  }

  /** e.g. {@code provisioned PlaceOrderFunction 1, GetOrderFunction 1 (instances initialized)}. */
  private String provisionedLine(Map<String, Integer> provisioned) {
    int warm = options.scaling().warm();
    return "provisioned "
        + provisioned.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + " (initialized before ready: alias provisioned concurrency"
        + (warm > 0 ? ", --warm " + warm : "")
        + ")";
  }

  private void startBackend() {
    if (options.endpoint() == null) {
      Timing timing = options.timing();
      aws =
          own(
              LocalAws.start(
                  options.bindAddress(),
                  options.edgePort(),
                  timing.clock(),
                  timing.scheduleTick()));
      clients = aws.clients();
      awsEndpoint = aws.edgeUrl();
      FaultApi api = new FaultApi(faults);
      aws.router()
          .control("/_localstack/chaos/", api)
          .control("/_idem/faults", api)
          .intercept(new EdgeFaults(faults, this::instance));
      aws.eventBridge().faults(faultHooks);
    } else {
      clients = own(AwsClients.create(options.endpoint()));
      awsEndpoint = options.endpoint();
    }
  }

  /**
   * The proxy for instances whose SDK ignores {@code AWS_ENDPOINT_URL}: it sends AWS hosts' calls
   * to the AWS endpoint, which it can only do for an {@code http://} one.
   */
  private void startProxy(CompletableFuture<CertificateAuthority> authority) {
    if ("http".equals(awsEndpoint.getScheme()) && awsEndpoint.getPort() > 0) {
      proxy = own(ProxyServer.start(options.proxyPort(), awsEndpoint, authority, console));
    }
  }

  private Template loadTemplate() {
    StackContext context = CloudAssembly.contextOf(options.template());
    Template declared = Template.load(options.template(), options.parameters(), context);
    stubs =
        own(
            HttpStubs.start(
                options.stubs(),
                stubsCalledFor(declared),
                options.parameters(),
                options.bindAddress()));
    stubs.faults(faultHooks);
    Map<String, String> parameters = new LinkedHashMap<>(stubs.parameters(options.parameters()));
    parameters.keySet().retainAll(declared.parameters().keySet());
    return parameters.equals(options.parameters())
        ? declared
        : Template.load(options.template(), parameters, context);
  }

  /**
   * The stub parameters the template calls for: those it declares; and, where it declares none (a
   * CDK stack bakes the providers' URLs in from its context), those of the stubs whose URL on their
   * configured port a function's environment names.
   */
  private Set<String> stubsCalledFor(Template template) {
    Set<String> wanted = new LinkedHashSet<>(template.parameters().keySet());
    for (StubSpec stub : options.stubs()) {
      if (stub.parameter() != null
          && !wanted.contains(stub.parameter())
          && stub.port() > 0
          && environmentsName(template, stub.port())) {
        wanted.add(stub.parameter());
      }
    }
    return wanted;
  }

  private static boolean environmentsName(Template template, int port) {
    String url = "http://127.0.0.1:" + port;
    return template.resources().stream()
        .map(r -> r.properties().get("Environment"))
        .filter(Map.class::isInstance)
        .map(environment -> ((Map<?, ?>) environment).get("Variables"))
        .filter(Map.class::isInstance)
        .flatMap(variables -> ((Map<?, ?>) variables).values().stream())
        .anyMatch(value ->
            value instanceof String text && (text.equals(url) || text.startsWith(url + "/")));
  }

  /**
   * Every function's code, resolved before anything starts: code that cannot be resolved is bad
   * input, and Maven may take a few seconds the first time.
   */
  private static Map<String, FunctionCode> resolveCode(Template template) {
    CodeLayouts layouts = CodeLayouts.standard();
    Map<String, FunctionCode> code = new LinkedHashMap<>();
    template
        .specs()
        .functions()
        .forEach(function -> code.put(function.logicalId(), StackWiring.code(function, layouts)));
    return code;
  }

  private List<FunctionDefinition> startFunctions() {
    List<FunctionDefinition> functions =
        StackWiring.definitions(provisioned.stack(), options.concurrencyLimit(), code);
    lambda =
        own(
            LambdaRuntime.start(
                functions,
                new LambdaRuntime.Options(
                    awsEndpoint,
                    Duration.ofSeconds(10),
                    console,
                    faultHooks,
                    options.scaling(),
                    options.aotCache(),
                    instanceProxy())));
    AsyncLambda async =
        own(
            AsyncLambda.start(
                lambda, provisioned.stack(), clients, options.timing(), console, this::logEvent));
    if (options.hotReload()) {
      lambda.watchCode(Duration.ofMillis(100));
    }
    if (options.watchSources()) {
      SourceBuilds.start(
              functions.stream().flatMap(f -> f.code().classpath().stream()).distinct().toList(),
              Duration.ofMillis(500),
              console)
          .ifPresent(this::own);
    }
    if (aws != null) {
      aws.router().route(AwsService.LAMBDA, new LambdaApi(lambda, functions, async.invoker()));
      aws.eventBridge()
          .lambdaTargets(
              async.targets(
                  functions.stream().map(FunctionDefinition::name).collect(Collectors.toSet())));
      AsyncLambda.createRuleEvents(provisioned.stack(), clients, console);
      startConsole();
    }
    return functions;
  }

  /**
   * The web console on the edge, fed by every invocation from now on; with a console capacity of 0
   * nothing is captured and {@code /_idem/} answers 404.
   */
  private void startConsole() {
    if (options.consoleCapacity() == 0) {
      aws.router().control(ConsoleApi.ROUTE, ConsoleApi.off());
      return;
    }
    capture =
        new Capture(
            options.consoleCapacity(),
            Clock.systemUTC(),
            this::instance,
            () -> faults.log().entries(0));
    InvocationLog invocationLog = capture.invocations();
    lambda.onInvocation(capture.listener());
    aws.router().interceptOutside(capture.edge());
    aws.eventBridge().trace(capture.events());
    stubs.listen(capture::stub);
    aws.router()
        .control(
            ConsoleApi.ROUTE,
            new ConsoleApi(
                lambda,
                clients,
                provisioned.stack(),
                aws.eventBridge(),
                invocationLog,
                aws != null ? aws.queueContents() : null,
                () -> sources == null ? List.of() : sources.streams(),
                Clock.systemUTC(),
                capture));
  }

  /**
   * What instances reach AWS hosts through. With the embedded edge they resolve only this machine's
   * names; another backend (named by {@code --endpoint}, perhaps by a host name) leaves them the
   * system's resolver.
   */
  private InstanceProxy instanceProxy() {
    return proxy == null
        ? null
        : new InstanceProxy(
            proxy.port(),
            proxy::trustStore,
            CertificateAuthority.TRUST_STORE_PASSWORD,
            aws != null ? proxy.hostsFile() : null);
  }

  private void logEvent(String function, InvocationResult result) {
    console.accept(
        function + " <- lambda Event " + result.duration().toMillis() + " ms " + result.status());
  }

  private void startEventSources(List<FunctionDefinition> functions, SourceContext context) {
    Map<String, Integer> limits =
        functions.stream()
            .collect(
                Collectors.toMap(FunctionDefinition::name, FunctionDefinition::concurrencyLimit));
    StackSpec stack = provisioned.stack();
    sources =
        own(
            EventSources.start(
                StackWiring.sqsSources(stack, clients.queueUrls(), limits::get),
                StackWiring.streamSources(stack),
                clients,
                context));
    StackWiring.disabled(stack)
        .forEach(event -> console.accept("event source disabled (Enabled: false): " + event));
  }

  private void startApi(SourceContext context) {
    apiRoutes = StackWiring.routes(provisioned.stack());
    if (!apiRoutes.isEmpty()) {
      ApiGateway gateway = new ApiGateway(apiRoutes, context);
      FaultApi faultApi = new FaultApi(faults);
      // With another backend there is no edge here: the fault API answers on the API port.
      dev.idem.local.http.HttpService service =
          aws != null
              ? gateway
              : request ->
                  FaultApi.serves(request.path())
                      ? faultApi.handle(request)
                      : gateway.handle(request);
      if (capture != null) {
        service = capture.api(service);
      }
      api =
          own(
              HttpEndpoint.startKeepingHeaderCase(
                  "API", options.bindAddress(), options.apiPort(), service));
    }
  }

  private Optional<Seed.Summary> seed() {
    if (options.seed() == null) {
      return Optional.empty();
    }
    return Optional.of(Seed.read(options.seed()).write(provisioned.stack(), clients.dynamoDb()));
  }

  private void printSummary(Optional<Seed.Summary> seeded, Map<String, Integer> ready) {
    Banner.lines(
            options.template(),
            provisioned.stack(),
            new Banner.Aws(awsEndpoint, aws != null, proxyUrl().orElse(null)),
            apiUrl().map(url -> new Banner.Api(url, apiRoutes)),
            stubs.urls(),
            sources.descriptions())
        .forEach(console);
    if (lambda != null) {
      Banner.functionLines(lambda.runtimes(), lambda.functions()).forEach(console);
    }
    console.accept(options.scaling().summary());
    if (!ready.isEmpty()) {
      console.accept(provisionedLine(ready));
    }
    seeded.ifPresent(summary -> console.accept(summary.line()));
    faultApiUrl().ifPresent(url -> console.accept(faultsLine(url)));
    consoleUrl().ifPresent(url -> console.accept("console  " + url));
    console.accept("ready in " + readyTime.toMillis() + " ms");
  }

  private String faultsLine(URI url) {
    int rules = faults.rules().size() + faults.chaosRules().size();
    return "faults   "
        + url
        + "  "
        + (rules == 1 ? "1 rule" : rules + " rules")
        + ", seed "
        + faults.seed()
        + (aws != null ? " (LocalStack's Chaos API too: /_localstack/chaos/faults)" : "");
  }

  /**
   * The Idem fault API's URL: on the edge, or on the API port when another backend is used (none
   * when there is neither).
   */
  public Optional<URI> faultApiUrl() {
    if (aws != null) {
      return Optional.of(aws.edgeUrl().resolve("/_idem/faults"));
    }
    return apiUrl().map(url -> url.resolve("/_idem/faults"));
  }

  private <T extends AutoCloseable> T own(T resource) {
    started.add(resource);
    return resource;
  }

  /** The AWS endpoint: the edge's URL, or the other backend's. */
  public URI awsEndpoint() {
    return awsEndpoint;
  }

  /**
   * DynamoDB Local's own endpoint, bypassing the edge (to measure what the edge adds), when the
   * backends run here.
   */
  public Optional<URI> dynamoDbEndpoint() {
    return Optional.ofNullable(aws).map(LocalAws::dynamoDbEndpoint);
  }

  /** Whether the backends run here (no {@link Options#endpoint()} was given). */
  public boolean embedded() {
    return aws != null;
  }

  /**
   * The URL of the proxy through which function instances reach AWS hosts, when it runs (it does
   * whenever the AWS endpoint is an {@code http://} URL, as the edge's is).
   */
  public Optional<URI> proxyUrl() {
    return Optional.ofNullable(proxy).map(ProxyServer::url);
  }

  /** The proxy itself, when it runs: its trust store and the connections it made, by host. */
  public Optional<ProxyServer> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** The REST API's URL, when the template has {@code Api} events. */
  public Optional<URI> apiUrl() {
    return Optional.ofNullable(api).map(HttpEndpoint::url);
  }

  /**
   * The URL of the project's stub of that name ({@code GET <path>} lists what it applied there),
   * when it runs.
   */
  public Optional<URI> stubUrl(String name) {
    return stubs.url(name);
  }

  /** Every running stub's URL, by name. */
  public Map<String, URI> stubUrls() {
    return stubs.urls();
  }

  /** The template's resources as created, with their physical ids. */
  public ProvisionedStack stack() {
    return provisioned;
  }

  /** SDK clients for {@link #awsEndpoint()}; closed with the local cloud. */
  public AwsClients clients() {
    return clients;
  }

  /** The fault injector: its rules (which may be changed while it runs) and its log. */
  public Faults faults() {
    return faults;
  }

  /**
   * Pauses ({@code false}) or resumes the console's capture while the cloud runs: paused, nothing
   * is kept, as with {@code --no-console}, but the console still answers. The {@code local-flow}
   * bench measures the capture's cost this way, in rounds on one cloud.
   *
   * @throws IllegalStateException when the cloud runs without a console
   */
  public void consoleCapture(boolean on) {
    if (capture == null) {
      throw new IllegalStateException(
          "This cloud runs without a console (capacity 0 or --endpoint)");
    }
    capture.capturing(on);
  }

  /**
   * The console's web page, on the edge (none when another backend is used or the console is off).
   */
  public Optional<URI> consoleUrl() {
    return Optional.ofNullable(aws)
        .filter(edge -> options.consoleCapacity() > 0)
        .map(edge -> edge.edgeUrl().resolve(ConsoleApi.PREFIX));
  }

  /**
   * What the console captures, for the tests of its memory bound (not an API: its rings are the
   * console's own); null when the console is off or there is no edge.
   */
  Capture capture() {
    return capture;
  }

  /** The functions' runtime: pools, counts, cold starts. */
  public LambdaRuntime lambda() {
    return lambda;
  }

  /** From {@link #start(Options)} to ready. */
  public Duration readyTime() {
    return readyTime;
  }

  /**
   * Stops the API, the event sources (each waiting for its batches in flight), the function
   * instances, the stubs and the backends, then prints each function's counts. Idempotent.
   */
  @Override
  public void close() {
    if (stop() && lambda != null) {
      console.accept("functions:");
      console.accept("  " + lambda.statsReport().replace(System.lineSeparator(), "\n  "));
      if (faults.log().total() > 0 || faults.active()) {
        console.accept(faults.log().summary());
      }
    }
  }

  private boolean stop() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        console.accept("idem local: " + started.get(i).getClass().getSimpleName() + ": " + e);
      }
    }
    return true;
  }
}
