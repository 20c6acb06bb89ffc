package dev.idem.local;

import dev.idem.local.faults.FaultPlan;
import dev.idem.local.faults.FaultRuleException;
import dev.idem.local.http.PortInUseException;
import dev.idem.local.lambda.LambdaRuntime;
import dev.idem.local.lambda.Scaling;
import dev.idem.local.stubs.StubSpec;
import dev.idem.local.template.CloudAssembly;
import dev.idem.local.template.Template;
import dev.idem.local.template.TemplateException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bin/idem local}: starts the local cloud and runs it until Ctrl-C, which stops it cleanly
 * and prints each function's counts. The template is a file ({@code --template}, SAM or plain
 * CloudFormation, YAML or JSON), or a stack of a CDK app: synthesized first ({@code --cdk [DIR]})
 * or taken from an existing cloud assembly ({@code --cdk-out DIR}). Exit status 2 for bad arguments
 * (one line, then the usage) and bad input (a template that does not parse, an unresolvable
 * reference, a missing asset, an unsupported runtime, a failed synthesis: one line naming the
 * resource and property), 1 when it cannot start (a taken port, a function jar not built).
 */
public final class LocalCloudMain {

  static final String USAGE =
      """
      usage: bin/idem local [--template PATH | --cdk [DIR] | --cdk-out DIR] [--stack NAME]
                            [--edge-port N] [--api-port N] [--proxy-port N]
                            [--config FILE] [--stub-port NAME=PORT]...
                            [--parameter KEY=VALUE]... [--seed FILE | --no-seed]
                            [--max-concurrency N] [--max-starting N] [--max-instances N]
                            [--warm N] [--aot-cache DIR | --no-aot-cache] [--no-reload | --watch]
                            [--endpoint URL] [--faults FILE] [--fault-seed N] [--bind ADDR]
                            [--console-capacity N | --no-console]

        --template PATH         a CloudFormation template, SAM or plain, YAML or JSON (default:
                                the repository's template.yaml)
        --cdk [DIR]             synthesize the CDK app in DIR (default: the repository) with
                                npx aws-cdk@2 synth, then run its stack
        --cdk-out DIR           run a stack of the cloud assembly CDK synthesized into DIR
        --stack NAME            the stack to run, where the app has several
        --edge-port N           the AWS endpoint's port (default 4566)
        --api-port N            the REST API's port (default 3000)
        --proxy-port N          the port of the proxy that sends the functions' calls to
                                *.amazonaws.com to the edge, for SDKs that ignore
                                AWS_ENDPOINT_URL (default: a free port; always on 127.0.0.1)
        --config FILE           the project's stubs and seed (default: idem-local.json beside the
                                template, or in the CDK app's folder, if there is one)
        --stub-port NAME=PORT   a stub's port instead of the config's (0: a free one; repeatable)
        --parameter KEY=VALUE   a template parameter's value (repeatable)
        --seed FILE             items to write at start (default: the config's "seed")
        --no-seed               write no items
        --max-concurrency N     instances per function without reserved concurrency (default 10)
        --max-starting N        instances starting at once in the whole cloud; a burst waits for
                                a free instance or a start slot (default: the processors, >= 2)
        --max-instances N       instances alive at once in the whole cloud; above it an idle one
                                is retired, else the call is throttled (default: MemorySizes up
                                to 3/4 of the machine's memory)
        --warm N                start N instances of every function before ready (default 0)
        --aot-cache DIR         the instances' class-loading caches (default ~/.cache/idem/aot)
        --no-aot-cache          plain instance starts, no cache written or read
        --no-reload             keep running the code loaded at start when a function's jar or
                                folder changes (default: new invocations get the new code)
        --watch                 also rebuild the functions' Maven modules (offline, incremental)
                                when one of their sources changes
        --endpoint URL          run the resources on another backend (LocalStack...) instead of
                                the embedded ones (default: $AWS_ENDPOINT_URL, if set)
        --faults FILE           fault rules to inject from the start (JSON; see the README's
                                "Test your functions under faults"); more over /_idem/faults
        --fault-seed N          the seed of the fault decisions (default: the file's, else random)
        --bind ADDR             listen on ADDR (e.g. 0.0.0.0) instead of 127.0.0.1: the edge, the
                                API and the stubs become reachable from the network, which has no
                                authentication; a warning says so
        --console-capacity N    how many entries the console (/_idem/) keeps of each kind it
                                captures: invocations, AWS calls, events (default 1000)
        --no-console            capture nothing and serve no console
      """;

  // DynamoDB Local logs through java.util.logging (a JAXB notice at start); only errors matter.
  private static final Logger DYNAMODB_LOCAL_LOG = Logger.getLogger("com.amazonaws");

  private LocalCloudMain() {}

  /** Runs the command; returns only when it cannot start. */
  public static void main(String[] args) {
    DYNAMODB_LOCAL_LOG.setLevel(Level.SEVERE);
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Starts the local cloud and waits for the JVM to shut down; the exit status when it cannot. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Parsed parsed;
    try {
      parsed = parse(List.of(args), env, defaultRoot(), out::println);
    } catch (IllegalArgumentException e) {
      err.println("idem local: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (parsed.help()) {
      out.print(USAGE);
      return 0;
    }
    parsed.notes().forEach(out::println);
    LocalCloud.Options options;
    try {
      options = prepare(parsed, out::println);
    } catch (TemplateException | CdkSynth.Failure e) {
      err.println("idem local: " + firstLine(e));
      return 2;
    }
    LocalCloud cloud;
    try {
      cloud = LocalCloud.start(options);
    } catch (PortInUseException e) {
      err.println("idem local: " + e.getMessage());
      return 1;
    } catch (TemplateException e) {
      err.println("idem local: " + firstLine(e));
      return 2;
    } catch (RuntimeException e) {
      err.println("idem local: cannot start: " + firstLine(e));
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "idem-local-shutdown"));
    out.println("Ctrl-C stops it");
    markTrained();
    awaitShutdown();
    return 0;
  }

  /**
   * What the arguments ask for.
   *
   * @param options the local cloud's options (for a CDK source, the template is the stack's once
   *     {@link #prepare} has picked it)
   * @param help whether only the usage was asked for
   * @param notes lines to print before starting
   * @param source where the template comes from
   */
  record Parsed(LocalCloud.Options options, boolean help, List<String> notes, Source source) {}

  /** Where the template comes from. */
  sealed interface Source {

    /** A template file. */
    record File(Path template) implements Source {}

    /** A CDK app, synthesized first; {@code stack} null for its only one. */
    record CdkApp(Path dir, String stack) implements Source {}

    /** A cloud assembly already synthesized; {@code stack} null for its only one. */
    record CdkOut(Path dir, String stack) implements Source {}
  }

  /**
   * The options to start with: for a CDK source, synthesized if asked and with the chosen stack's
   * template; the template read and resolved once, so that bad input fails before anything starts.
   *
   * @throws TemplateException naming the resource and property of bad input, or the stacks when the
   *     choice is unclear
   * @throws CdkSynth.Failure when synthesis cannot run or fails
   */
  static LocalCloud.Options prepare(Parsed parsed, Consumer<String> console) {
    LocalCloud.Options options =
        switch (parsed.source()) {
          case Source.File file -> parsed.options();
          case Source.CdkApp app -> {
            CdkSynth.Result synthesized = CdkSynth.run(app.dir(), console);
            yield stackOf(
                parsed.options(), synthesized.assembly(), app.stack(), synthesized, console);
          }
          case Source.CdkOut out ->
              stackOf(parsed.options(), out.dir(), out.stack(), null, console);
        };
    Template.load(
            options.template(), options.parameters(), CloudAssembly.contextOf(options.template()))
        .specs();
    return options;
  }

  private static LocalCloud.Options stackOf(
      LocalCloud.Options options,
      Path dir,
      String name,
      CdkSynth.Result synthesized,
      Consumer<String> console) {
    CloudAssembly assembly = CloudAssembly.read(dir);
    CloudAssembly.Stack stack = name == null ? assembly.onlyStack() : assembly.stack(name);
    console.accept(
        "cdk      stack "
            + stack.name()
            + " of "
            + assembly.dir()
            + (synthesized == null
                ? ""
                : ", synthesized in "
                    + synthesized.took().toMillis()
                    + " ms (npx aws-cdk@2 synth; not counted in ready)"));
    return options.toBuilder().template(stack.templateFile()).build();
  }

  /**
   * Reads the arguments.
   *
   * @param root the folder of the default template
   * @throws IllegalArgumentException naming the bad argument
   */
  static Parsed parse(
      List<String> args, Map<String, String> env, Path root, Consumer<String> console) {
    return parse(args, env, root, console, LocalCloudMain::listening);
  }

  /**
   * Reads the arguments.
   *
   * @param listening whether something answers at a URL (for {@code AWS_ENDPOINT_URL})
   * @throws IllegalArgumentException naming the bad argument
   */
  static Parsed parse(
      List<String> args,
      Map<String, String> env,
      Path root,
      Consumer<String> console,
      Predicate<URI> listening) {
    Arguments given = new Arguments(args);
    if (given.help) {
      return new Parsed(LocalCloud.Options.defaults(), true, List.of(), null);
    }
    Source source = given.source(root);
    Path template =
        source instanceof Source.File file ? file.template() : root.resolve("template.yaml");
    if (source instanceof Source.File) {
      requireFile(template, "template");
    }
    ProjectConfig config = projectConfig(given, projectDir(source));
    EndpointChoice endpoint = EndpointChoice.of(given.endpoint, env, given.edgePort, listening);
    LocalCloud.Options options =
        LocalCloud.Options.builder()
            .template(template)
            .stubs(stubs(config, given.stubPorts))
            .edgePort(given.edgePort)
            .apiPort(given.apiPort)
            .proxyPort(given.proxyPort)
            .parameters(given.parameters)
            .seed(seedFile(given, config))
            .concurrencyLimit(given.maxConcurrency)
            .endpoint(endpoint.url())
            .console(console)
            .faults(faultPlan(given))
            .bindAddress(given.bind)
            .scaling(scaling(given))
            .aotCache(given.noAotCache ? null : given.aotCache)
            .hotReload(!given.noReload)
            .watchSources(given.watch)
            .consoleCapacity(
                given.noConsole
                    ? 0
                    : given.consoleCapacity != null
                        ? given.consoleCapacity
                        : LocalCloud.Options.defaults().consoleCapacity())
            .build();
    return new Parsed(options, false, endpoint.notes(), source);
  }

  private static Scaling scaling(Arguments given) {
    Scaling scaling = Scaling.forThisMachine();
    if (given.maxStarting > 0) {
      scaling = scaling.withMaxStarting(given.maxStarting);
    }
    if (given.maxInstances > 0) {
      scaling = scaling.withMaxInstances(given.maxInstances);
    }
    return scaling.withWarm(given.warm);
  }

  private static FaultPlan faultPlan(Arguments given) {
    FaultPlan plan = FaultPlan.none();
    if (given.faults != null) {
      requireFile(given.faults, "faults file");
      try {
        plan = FaultPlan.read(given.faults);
      } catch (FaultRuleException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    return given.faultSeed == null ? plan : plan.withSeed(given.faultSeed);
  }

  /** {@code --config FILE}, else the project's file in its folder, else none. */
  private static ProjectConfig projectConfig(Arguments given, Path projectDir) {
    if (given.config != null) {
      requireFile(given.config, "config file");
      return ProjectConfig.read(given.config);
    }
    Path file = projectDir == null ? null : projectDir.resolve(ProjectConfig.FILE_NAME);
    return file != null && Files.isRegularFile(file)
        ? ProjectConfig.read(file)
        : ProjectConfig.none();
  }

  /** The project's stubs, on the ports {@code --stub-port NAME=PORT} gives. */
  private static List<StubSpec> stubs(ProjectConfig config, Map<String, Integer> ports) {
    for (String name : ports.keySet()) {
      if (config.stubs().stream().noneMatch(stub -> stub.name().equals(name))) {
        throw new IllegalArgumentException(
            "--stub-port "
                + name
                + ": the project declares no such stub (stubs: "
                + config.stubs().stream().map(StubSpec::name).toList()
                + ")");
      }
    }
    return config.stubs().stream()
        .map(stub -> ports.containsKey(stub.name()) ? stub.withPort(ports.get(stub.name())) : stub)
        .toList();
  }

  /** The project's folder: the template's, or the CDK app's. */
  private static Path projectDir(Source source) {
    return switch (source) {
      case Source.File file -> file.template().toAbsolutePath().getParent();
      case Source.CdkApp app -> app.dir().toAbsolutePath();
      case Source.CdkOut out -> out.dir().toAbsolutePath().normalize().getParent();
    };
  }

  private static Path seedFile(Arguments given, ProjectConfig config) {
    if (given.noSeed) {
      return null;
    }
    if (given.seed != null) {
      requireFile(given.seed, "seed file");
      return given.seed;
    }
    return config.seed();
  }

  private static void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no " + what + " at " + file);
    }
  }

  /**
   * The backend to use: {@code --endpoint}, else {@code AWS_ENDPOINT_URL} unless it names this
   * local cloud's own edge with nothing listening there yet (set for the AWS CLI, say; LocalStack
   * on the same port would be listening), else the embedded one (null).
   */
  record EndpointChoice(URI url, List<String> notes) {

    static EndpointChoice of(
        URI option, Map<String, String> env, int edgePort, Predicate<URI> listening) {
      if (option != null) {
        return new EndpointChoice(option, List.of());
      }
      String variable = env.get("AWS_ENDPOINT_URL");
      if (variable == null || variable.isBlank()) {
        return new EndpointChoice(null, List.of());
      }
      URI url = Arguments.uri(variable, "AWS_ENDPOINT_URL");
      if (isOwnEdge(url, edgePort) && !listening.test(url)) {
        return new EndpointChoice(
            null, List.of("AWS_ENDPOINT_URL=" + variable + " names this edge: running it here"));
      }
      return new EndpointChoice(url, List.of("backend from AWS_ENDPOINT_URL: " + variable));
    }

    private static boolean isOwnEdge(URI url, int edgePort) {
      String host = url.getHost() == null ? "" : url.getHost();
      boolean loopback =
          host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
      return loopback && url.getPort() == edgePort;
    }
  }

  /** The command line, option by option. */
  private static final class Arguments {
    Path template;
    Path cdk;
    boolean cdkApp;
    Path cdkOut;
    String stack;
    Path seed;
    Path faults;
    Long faultSeed;
    String bind = "127.0.0.1";
    boolean noSeed;
    boolean help;
    URI endpoint;
    int edgePort = LocalCloud.Options.EDGE_PORT;
    int apiPort = LocalCloud.Options.API_PORT;
    int proxyPort;
    Path config;
    final Map<String, Integer> stubPorts = new LinkedHashMap<>();
    int maxConcurrency = LocalCloud.Options.defaults().concurrencyLimit();
    int maxStarting;
    int maxInstances;
    int warm;
    Path aotCache = LambdaRuntime.Options.defaultAotCache();
    boolean noAotCache;
    boolean noReload;
    boolean watch;
    boolean noConsole;
    Integer consoleCapacity;
    final Map<String, String> parameters = new LinkedHashMap<>();

    private static final Set<String> VALUE_OPTIONS =
        Set.of(
            "--template",
            "--seed",
            "--endpoint",
            "--edge-port",
            "--api-port",
            "--proxy-port",
            "--stub-port",
            "--config",
            "--max-concurrency",
            "--max-starting",
            "--max-instances",
            "--warm",
            "--aot-cache",
            "--parameter",
            "--faults",
            "--fault-seed",
            "--bind",
            "--cdk-out",
            "--stack",
            "--console-capacity");

    Arguments(List<String> args) {
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("--cdk")) {
          cdkApp = true;
          boolean dirFollows = i + 1 < args.size() && !args.get(i + 1).startsWith("-");
          cdk = dirFollows ? Path.of(args.get(++i)) : null;
        } else if (!flag(arg)) {
          if (!VALUE_OPTIONS.contains(arg)) {
            throw new IllegalArgumentException("unknown option " + arg);
          }
          String value = i + 1 < args.size() ? args.get(++i) : null;
          if (value == null) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          option(arg, value);
        }
      }
      if (noReload && watch) {
        throw new IllegalArgumentException("--watch and --no-reload exclude each other");
      }
      if (noConsole && consoleCapacity != null) {
        throw new IllegalArgumentException(
            "--console-capacity and --no-console exclude each other");
      }
      if (noSeed && seed != null) {
        throw new IllegalArgumentException("--seed and --no-seed exclude each other");
      }
      int sources = (template != null ? 1 : 0) + (cdkApp ? 1 : 0) + (cdkOut != null ? 1 : 0);
      if (sources > 1) {
        throw new IllegalArgumentException("--template, --cdk and --cdk-out exclude each other");
      }
      if (stack != null && !cdkApp && cdkOut == null) {
        throw new IllegalArgumentException("--stack needs --cdk or --cdk-out");
      }
    }

    /** The template's source; a CDK folder must exist. */
    Source source(Path root) {
      if (cdkApp) {
        Path dir = cdk != null ? cdk : root;
        requireDir(dir, "--cdk");
        return new Source.CdkApp(dir, stack);
      }
      if (cdkOut != null) {
        requireDir(cdkOut, "--cdk-out");
        return new Source.CdkOut(cdkOut, stack);
      }
      return new Source.File(template != null ? template : root.resolve("template.yaml"));
    }

    private static void requireDir(Path dir, String option) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(option + ": no folder at " + dir);
      }
    }

    private boolean flag(String arg) {
      switch (arg) {
        case "--no-seed" -> noSeed = true;
        case "--no-aot-cache" -> noAotCache = true;
        case "--no-reload" -> noReload = true;
        case "--watch" -> watch = true;
        case "--no-console" -> noConsole = true;
        case "-h", "--help", "help" -> help = true;
        default -> {
          return false;
        }
      }
      return true;
    }

    private void option(String name, String value) {
      switch (name) {
        case "--template" -> template = Path.of(value);
        case "--cdk-out" -> cdkOut = Path.of(value);
        case "--stack" -> stack = value;
        case "--seed" -> seed = Path.of(value);
        case "--endpoint" -> endpoint = uri(value, name);
        case "--edge-port" -> edgePort = port(name, value);
        case "--api-port" -> apiPort = port(name, value);
        case "--proxy-port" -> proxyPort = port(name, value);
        case "--stub-port" -> stubPort(value);
        case "--config" -> config = Path.of(value);
        case "--max-concurrency" -> maxConcurrency = number(name, value, 1, 1000);
        case "--max-starting" -> maxStarting = number(name, value, 1, 1000);
        case "--max-instances" -> maxInstances = number(name, value, 1, 10_000);
        case "--warm" -> warm = number(name, value, 0, 1000);
        case "--console-capacity" -> consoleCapacity = number(name, value, 1, 1_000_000);
        case "--aot-cache" -> aotCache = Path.of(value);
        case "--parameter" -> parameter(value);
        case "--faults" -> faults = Path.of(value);
        case "--fault-seed" -> faultSeed = seedNumber(name, value);
        case "--bind" -> bind = address(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }

    private void stubPort(String value) {
      int equals = value.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("--stub-port needs NAME=PORT, got '" + value + "'");
      }
      stubPorts.put(value.substring(0, equals), port("--stub-port", value.substring(equals + 1)));
    }

    private void parameter(String value) {
      int equals = value.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("--parameter needs KEY=VALUE, got '" + value + "'");
      }
      parameters.put(value.substring(0, equals), value.substring(equals + 1));
    }

    private static String address(String name, String value) {
      try {
        java.net.InetAddress address = java.net.InetAddress.getByName(value);
        if (!address.isAnyLocalAddress()
            && java.net.NetworkInterface.getByInetAddress(address) == null) {
          throw new IllegalArgumentException(
              name + " " + value + " is not an address of this machine");
        }
        return address.getHostAddress();
      } catch (java.net.UnknownHostException | java.net.SocketException e) {
        throw new IllegalArgumentException(name + " needs an IP address, got '" + value + "'");
      }
    }

    private static long seedNumber(String name, String value) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
      }
    }

    private static int port(String name, String value) {
      return number(name, value, 0, 65_535);
    }

    private static int number(String name, String value, int min, int max) {
      try {
        int number = Integer.parseInt(value);
        if (number >= min && number <= max) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below, with the range
      }
      throw new IllegalArgumentException(
          name + " needs a number from " + min + " to " + max + ", got '" + value + "'");
    }

    static URI uri(String value, String name) {
      try {
        URI uri = URI.create(value);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null) {
          return uri;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new IllegalArgumentException(name + " needs an http(s) URL, got '" + value + "'");
    }
  }

  private static boolean listening(URI url) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path defaultRoot() {
    return Path.of(System.getProperty("idem.root", "."));
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Tells {@code bin/idem} that this run got to its work, so that the AOT cache its JVM writes at
   * exit is worth keeping ({@code -Didem.aot.trained=FILE}; nothing without it).
   */
  public static void markTrained() {
    String marker = System.getProperty("idem.aot.trained");
    if (marker != null) {
      try {
        Files.writeString(Path.of(marker), "");
      } catch (IOException e) {
        // no marker: bin/idem trains again next time
      }
    }
  }

  private static void awaitShutdown() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
