package io.wasmgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Shared shape of apply and delete: read a YAML file (or stdin) and send it to the admin server. */
abstract class ResourceFileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      description = "WasmPlugin YAML file (multi-document allowed); - reads standard input.")
  String file;

  @Option(
      names = "--admin",
      defaultValue = "127.0.0.1:15000",
      description = "Admin address of the running gateway (default: ${DEFAULT-VALUE}).")
  String admin;

  abstract String method();

  @Override
  public Integer call() throws Exception {
    String yaml =
        "-".equals(file)
            ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            : Files.readString(Path.of(file));
    try {
      spec.commandLine().getOut().println(new AdminClient(admin).send(method(), yaml));
    } catch (AdminClient.AdminException e) {
      if (!e.storedLines().isEmpty()) {
        spec.commandLine().getOut().println(e.storedLines());
      }
      throw e;
    }
    return 0;
  }
}
