package io.wasmgate.cli;

import picocli.CommandLine.Command;

/** The top-level command; every verb is a subcommand. */
@Command(
    name = "wasmgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "An ingress gateway that runs Proxy-Wasm plugins declared as Istio WasmPlugin resources.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ApplyCommand.class,
      DeleteCommand.class,
      HttpbinCommand.class,
      PushCommand.class,
      PullCommand.class,
      CreateCommand.class,
      TrainingRunCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
final class WasmgateCommand {}
