package io.wasmgate.cli;

import picocli.CommandLine;

/** Entry point of the wasmgate jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line: usage errors exit 2, failures print one clear line and exit 1. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new WasmgateCommand());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("wasmgate: " + CliErrors.describe(ex));
          return 1;
        });
    return cli;
  }
}
