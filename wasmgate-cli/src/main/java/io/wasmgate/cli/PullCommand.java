package io.wasmgate.cli;

import io.wasmgate.oci.OciPuller;
import io.wasmgate.oci.OciReference;
import io.wasmgate.oci.PulledModule;
import io.wasmgate.oci.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Pull a Wasm plugin from an OCI registry (any format Istio accepts) into a file. Example:",
      "  wasmgate pull oci://127.0.0.1:5000/test/plugin:v1 -o plugin.wasm --insecure"
    })
final class PullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REFERENCE", description = "oci://host[:port]/repository[:tag|@sha256:...]")
  String reference;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the module.")
  Path output;

  @Mixin RegistryAccessOptions access;

  @Override
  public Integer call() throws Exception {
    OciReference ref = OciReference.parse(reference);
    RegistryClient client = new RegistryClient(access.options(ref, System.in));
    PulledModule module = new OciPuller(client).pull(ref, new StderrProgress(spec.commandLine().getErr(), "pulling"));
    Path absolute = output.toAbsolutePath();
    Path temp = Files.createTempFile(absolute.getParent(), ".wasmgate-pull", ".tmp");
    try {
      Files.write(temp, module.wasm());
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    spec.commandLine().getOut().printf("%s@%s: %d bytes (%s) written to %s%n", ref, module.manifestDigest(),
        module.wasm().length, module.format(), output);
    return 0;
  }
}
