package io.wasmgate.cli;

import io.wasmgate.oci.ImageFormat;
import io.wasmgate.oci.OciPusher;
import io.wasmgate.oci.OciReference;
import io.wasmgate.oci.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Push a Wasm plugin to an OCI registry without Docker: by default as the Docker image",
      "that 'FROM scratch' + 'ADD plugin.wasm' builds, with --oci-artifact as an OCI Wasm",
      "artifact. Prints the pushed reference with its digest. Example:",
      "  wasmgate push plugin.wasm oci://127.0.0.1:5000/test/plugin:v1 --insecure"
    })
final class PushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The .wasm module.")
  Path file;

  @Parameters(index = "1", paramLabel = "REFERENCE", description = "oci://host[:port]/repository:tag")
  String reference;

  @Option(names = "--oci-artifact", description = "Push an OCI Wasm artifact instead of a Docker image.")
  boolean ociArtifact;

  @Mixin RegistryAccessOptions access;

  @Override
  public Integer call() throws Exception {
    OciReference ref = OciReference.parse(reference);
    byte[] wasm = Files.readAllBytes(file);
    RegistryClient client = new RegistryClient(access.options(ref, System.in));
    ImageFormat format = ociArtifact ? ImageFormat.OCI_WASM_ARTIFACT : ImageFormat.DOCKER_IMAGE;
    String digest = new OciPusher(client).push(ref, wasm, format,
        new StderrProgress(spec.commandLine().getErr(), "pushing"));
    spec.commandLine().getOut().println(ref + "@" + digest);
    return 0;
  }
}
