package io.wasmgate.cli;

import picocli.CommandLine.Command;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Create or update WasmPlugin resources on a running gateway (like kubectl apply -f).")
final class ApplyCommand extends ResourceFileCommand {
  @Override
  String method() {
    return "POST";
  }
}
