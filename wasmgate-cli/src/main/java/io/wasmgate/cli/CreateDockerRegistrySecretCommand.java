package io.wasmgate.cli;

import io.wasmgate.oci.Credentials;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "docker-registry",
    mixinStandardHelpOptions = true,
    description = {
      "Write a kubernetes.io/dockerconfigjson Secret (mode 0600) that WasmPlugin imagePullSecret can name.",
      "  wasmgate create secret docker-registry wasm-secret -n istio-system \\",
      "      --docker-server=registry:5000 --docker-username=user --docker-password=pass"
    })
final class CreateDockerRegistrySecretCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Secret name.")
  String name;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--docker-server", required = true, description = "Registry host[:port].")
  String server;

  @Option(names = "--docker-username", required = true, description = "Registry user.")
  String username;

  @Option(names = "--docker-password", required = true, description = "Registry password.")
  String password;

  @Option(names = "--secrets-dir", paramLabel = "DIR",
      description = "Secrets directory (default: $WASMGATE_SECRETS_DIR, else ~/.wasmgate/secrets).")
  Path secretsDir;

  @Override
  public Integer call() throws Exception {
    Path file = RegistryAccessOptions.secretStore(secretsDir)
        .writeDockerRegistrySecret(namespace, name, server, new Credentials(username, password));
    spec.commandLine().getOut().println("secret/" + name + " created in namespace " + namespace + " (" + file + ")");
    return 0;
  }
}
