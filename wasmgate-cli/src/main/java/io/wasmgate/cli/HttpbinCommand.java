package io.wasmgate.cli;

import io.wasmgate.httpbin.HttpbinServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "httpbin",
    mixinStandardHelpOptions = true,
    description = "Run an httpbin-compatible backend (/status/{code}, /headers, /get, /anything, ...).")
final class HttpbinCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address (default: ${DEFAULT-VALUE}).")
  String host;

  @Override
  public Integer call() throws Exception {
    var server = HttpbinServer.start(host, port);
    spec.commandLine().getOut().printf("httpbin listening on http://%s:%d%n", host, server.port());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "httpbin-shutdown"));
    Thread.currentThread().join();
    return 0;
  }
}
