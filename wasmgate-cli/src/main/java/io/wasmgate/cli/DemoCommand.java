package io.wasmgate.cli;

import io.wasmgate.httpbin.HttpbinServer;
import io.wasmgate.proxy.config.ConfigException;
import io.wasmgate.proxy.config.GatewayConfig;
import io.wasmgate.proxy.config.HostPort;
import io.wasmgate.proxy.config.QuickConfig;
import io.wasmgate.plugin.EnginePolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The tutorial on one machine: httpbin, the gateway and its admin server, and the example Go plugin
 * applied as a WasmPlugin exactly as an operator would apply it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start httpbin (:8000), the gateway (:8080, admin :15000) and apply the header-authorization"
            + " example plugin.")
final class DemoCommand implements Callable<Integer> {
  static final String EXAMPLE = "examples/header-authorization/wasmplugin.yaml";

  @Spec CommandSpec spec;

  @Option(names = "--gateway-port", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
  int gatewayPort;

  @Option(names = "--admin-port", defaultValue = "15000", description = "Default: ${DEFAULT-VALUE}.")
  int adminPort;

  @Option(names = "--backend-port", defaultValue = "8000", description = "Default: ${DEFAULT-VALUE}.")
  int backendPort;

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("wasmgate.home", ".")).toAbsolutePath().normalize();
    Path example = home.resolve(EXAMPLE);
    if (!Files.isRegularFile(example)) {
      throw new IllegalStateException(
          "cannot find " + EXAMPLE + " under " + home + " (run the demo through bin/wasmgate)");
    }
    // The example names its module relative to the repository; the gateway resolves relative file://
    // URLs against its working directory, so anchor it to where the example lives.
    String yaml =
        Files.readString(example)
            .replace("file://examples/", "file://" + home.resolve("examples") + "/");

    PrintWriter out = spec.commandLine().getOut();
    try (var backend = HttpbinServer.start("127.0.0.1", backendPort)) {
      Path pluginsDir = Files.createTempDirectory("wasmgate-demo-plugins");
      GatewayConfig config = localConfig(gatewayPort, adminPort, backend.port(), pluginsDir);
      try (GatewayRuntime gateway = GatewayRuntime.start(config, EnginePolicy.TIERED)) {
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "wasmgate-shutdown"));
        out.println("applying " + EXAMPLE + ":");
        out.println("  " + new AdminClient("127.0.0.1:" + gateway.adminPort()).send("POST", yaml));
        printTryThis(out, gateway.adminPort());
        out.flush();
        gateway.awaitStop();
      }
    }
    return 0;
  }

  /**
   * An ingress gateway on loopback, labelled as Istio's, with one listener routing everything to
   * the backend; port 0 picks a free port.
   */
  static GatewayConfig localConfig(int gatewayPort, int adminPort, int backendPort, Path pluginsDir)
      throws ConfigException {
    GatewayConfig quick =
        QuickConfig.of(
            "127.0.0.1:" + gatewayPort,
            List.of("127.0.0.1:" + backendPort),
            Map.of("istio", "ingressgateway"),
            pluginsDir);
    return new GatewayConfig(
        quick.labels(),
        new HostPort("127.0.0.1", adminPort),
        pluginsDir,
        null,
        0,
        quick.listeners(),
        quick.clusters(),
        quick.limits());
  }

  private void printTryThis(PrintWriter out, int admin) {
    out.printf(
        """

        wasmgate demo is ready: httpbin on 127.0.0.1:%1$d, gateway on 127.0.0.1:%2$d, admin on 127.0.0.1:%3$d
        Try, from another terminal:
          curl -i localhost:%2$d/status/418                  # 403 Forbidden by ASM Wasm Plugin
          curl -XPOST 'localhost:%3$d/logging?wasm=debug'    # show the plugin's debug log here
          curl -i localhost:%2$d/status/418                  # the plugin's line and the access log line appear
          curl -i -H 'allow: true' localhost:%2$d/status/418 # 418, the teapot
        Press Ctrl-C to stop.
        """,
        backendPort, gatewayPort, admin);
  }
}
