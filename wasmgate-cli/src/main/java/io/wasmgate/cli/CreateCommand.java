package io.wasmgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code create secret docker-registry ...}, shaped like kubectl's. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a resource in the gateway's local store (like kubectl create).",
    subcommands = CreateCommand.Secret.class)
final class CreateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing what to create (secret)");
  }

  @Command(
      name = "secret",
      mixinStandardHelpOptions = true,
      description = "Create a Secret.",
      subcommands = CreateDockerRegistrySecretCommand.class)
  static final class Secret implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(spec.commandLine(), "missing the secret type (docker-registry)");
    }
  }
}
