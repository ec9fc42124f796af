package io.wasmgate.cli;

import io.wasmgate.proxy.config.ConfigException;
import io.wasmgate.proxy.config.Durations;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.config.GatewayConfigLoader;
import io.wasmgate.proxy.config.HostPort;
import io.wasmgate.proxy.config.QuickConfig;
import io.wasmgate.proxy.config.RemoteModulesConfig;
import io.wasmgate.plugin.EnginePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the gateway, from a configuration file or from the quick form.",
      "  wasmgate run -c gateway.yaml",
      "  wasmgate run --listen 127.0.0.1:8080 --upstream 127.0.0.1:8000 --plugins DIR \\",
      "               --admin 127.0.0.1:15000 --label istio=ingressgateway \\",
      "               [--secrets-dir DIR --cache-dir DIR --insecure-registry 127.0.0.1:5000]"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, description = "Gateway configuration file (gateway.yaml).")
  Path config;

  @Option(names = "--listen", description = "Quick form: listener address host:port.")
  String listen;

  @Option(names = "--upstream", description = "Quick form: upstream host:port (repeatable: round-robin).")
  List<String> upstreams = new ArrayList<>();

  @Option(names = "--plugins", description = "Directory of WasmPlugin YAML, watched for changes.")
  Path plugins;

  @Option(names = "--admin", description = "Admin server address (default 127.0.0.1:15000).")
  String admin;

  @Option(names = "--label", description = "Gateway label key=value matched by WasmPlugin selectors (repeatable).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--workers", description = "Event loops, each with its own plugin VMs (default: one per CPU).")
  Integer workers;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Cache of oci:// and http(s):// plugin modules (default: ~/.wasmgate/cache).")
  Path cacheDir;

  @Option(names = "--secrets-dir", paramLabel = "DIR",
      description = "Where imagePullSecret Secrets live (default: $WASMGATE_SECRETS_DIR, else ~/.wasmgate/secrets).")
  Path secretsDir;

  @Option(names = "--insecure-registry", paramLabel = "HOST:PORT",
      description = "A registry spoken to over plain HTTP (repeatable).")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--fetch-timeout", paramLabel = "DURATION",
      description = "How long a module fetch retries before failing (default 30s; it goes on in the background).")
  String fetchTimeout;

  @Option(
      names = "--engine",
      defaultValue = "tiered",
      description = "Wasm engine: tiered (a plugin's first version serves on the interpreter while it compiles,"
          + " unless its compiled code is cached), compiler (compile before serving) or interpreter"
          + " (default: ${DEFAULT-VALUE}).")
  String engine;

  @Override
  public Integer call() throws Exception {
    GatewayConfig gateway = gatewayConfig();
    EnginePolicy policy = enginePolicy(engine);
    try (GatewayRuntime runtime = GatewayRuntime.start(gateway, policy)) {
      Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "wasmgate-shutdown"));
      runtime.awaitStop();
    }
    return 0;
  }

  private GatewayConfig gatewayConfig() throws ConfigException {
    GatewayConfig base;
    if (config != null) {
      if (listen != null || !upstreams.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "use either -c/--config or --listen/--upstream, not both");
      }
      base = GatewayConfigLoader.load(config);
    } else if (listen != null) {
      base = QuickConfig.of(listen, upstreams, Map.of(), null);
    } else {
      throw new ParameterException(
          spec.commandLine(), "missing configuration: give -c gateway.yaml or --listen and --upstream");
    }
    return override(base);
  }

  /** Command-line flags win over the file, as with Envoy's command-line options. */
  private GatewayConfig override(GatewayConfig c) throws ConfigException {
    Map<String, String> mergedLabels = new LinkedHashMap<>(c.labels());
    mergedLabels.putAll(labels);
    HostPort adminAddress = admin == null ? c.adminAddress() : parseAddress("--admin", admin);
    return new GatewayConfig(
        mergedLabels,
        adminAddress == null ? GatewayConfig.DEFAULT_ADMIN_ADDRESS : adminAddress,
        plugins != null ? plugins : c.pluginsDir(),
        c.accessLogPath(),
        workers != null ? workers : c.workers(),
        c.listeners(),
        c.clusters(),
        c.limits(),
        remoteModules(c.remoteModules()));
  }

  private RemoteModulesConfig remoteModules(RemoteModulesConfig file) throws ConfigException {
    List<String> insecure = new ArrayList<>(file.insecureRegistries());
    insecure.addAll(insecureRegistries);
    Duration timeout = file.fetchTimeout();
    if (fetchTimeout != null) {
      try {
        timeout = Durations.parse(fetchTimeout);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--fetch-timeout: " + e.getMessage());
      }
    }
    return new RemoteModulesConfig(
        cacheDir != null ? cacheDir.toAbsolutePath() : file.cacheDir(),
        secretsDir != null ? secretsDir.toAbsolutePath() : file.secretsDir(),
        insecure,
        file.caFile(),
        timeout);
  }

  static HostPort parseAddress(String flag, String text) throws ConfigException {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(flag + ": " + e.getMessage());
    }
  }

  static EnginePolicy enginePolicy(String name) {
    try {
      return EnginePolicy.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--engine: " + e.getMessage(), e);
    }
  }
}
