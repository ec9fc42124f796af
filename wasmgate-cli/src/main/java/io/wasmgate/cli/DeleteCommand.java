package io.wasmgate.cli;

import picocli.CommandLine.Command;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete WasmPlugin resources from a running gateway (like kubectl delete -f).")
final class DeleteCommand extends ResourceFileCommand {
  @Override
  String method() {
    return "DELETE";
  }
}
