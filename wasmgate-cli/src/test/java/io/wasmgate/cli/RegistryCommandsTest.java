package io.wasmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.oci.testing.TestRegistry;
import io.wasmgate.oci.testing.TestWasm;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** push, pull and create secret docker-registry against a real docker-registry with htpasswd auth. */
class RegistryCommandsTest {
  static final String USER = "cli-user";
  static final String PASSWORD = "cli-Pa55word";

  @TempDir static Path registryDir;
  @TempDir Path work;
  static TestRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    TestRegistry.assumeInstalled();
    registry = TestRegistry.builder(registryDir).htpasswd(USER, PASSWORD).start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  record Result(int exit, String out, String err) {}

  private static Result run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return new Result(cli.execute(args), out.toString(), err.toString());
    } finally {
      System.setIn(original);
    }
  }

  private String ref(String repoAndTag) {
    return "oci://" + registry.address() + "/" + repoAndTag;
  }

  @Test
  void pushThenPullWithPasswordOnStdin() throws Exception {
    Path wasm = Files.write(work.resolve("plugin.wasm"), TestWasm.module(20_000, 1));
    Result push = run(PASSWORD + "\n", "push", wasm.toString(), ref("test-oci/header-authorization:v0.0.1"),
        "--insecure", "--username", USER, "--password-stdin");
    assertThat(push.exit()).as(push.err()).isZero();
    assertThat(push.out()).contains(registry.address() + "/test-oci/header-authorization:v0.0.1@sha256:");

    Path pulled = work.resolve("pulled.wasm");
    Result pull = run(PASSWORD, "pull", ref("test-oci/header-authorization:v0.0.1"), "-o", pulled.toString(),
        "--insecure", "-u", USER, "--password-stdin");
    assertThat(pull.exit()).as(pull.err()).isZero();
    assertThat(pull.out()).contains("DOCKER_IMAGE");
    assertThat(pulled).hasSameBinaryContentAs(wasm);
  }

  @Test
  void createdSecretIsOwnerOnlyAndAuthenticatesAPushAndPullOfAnArtifact() throws Exception {
    Path secrets = work.resolve("secrets");
    Result create = run("", "create", "secret", "docker-registry", "wasm-secret", "-n", "istio-system",
        "--docker-server=" + registry.address(), "--docker-username=" + USER, "--docker-password=" + PASSWORD,
        "--secrets-dir", secrets.toString());
    assertThat(create.exit()).as(create.err()).isZero();
    Path file = secrets.resolve("istio-system/wasm-secret.yaml");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("type: kubernetes.io/dockerconfigjson");

    Path wasm = Files.write(work.resolve("artifact.wasm"), TestWasm.module(5_000, 2));
    String[] auth = {"--insecure", "--secret", "wasm-secret", "-n", "istio-system", "--secrets-dir", secrets.toString()};
    Result push = run("", concat(new String[] {"push", wasm.toString(), ref("artifact/plugin:v1"), "--oci-artifact"},
        auth));
    assertThat(push.exit()).as(push.err()).isZero();
    Path pulled = work.resolve("out.wasm");
    Result pull = run("", concat(new String[] {"pull", ref("artifact/plugin:v1"), "-o", pulled.toString()}, auth));
    assertThat(pull.exit()).as(pull.err()).isZero();
    assertThat(pull.out()).contains("OCI_WASM_ARTIFACT");
    assertThat(pulled).hasSameBinaryContentAs(wasm);
  }

  @Test
  void largeModulesShowProgressOnStderr() throws Exception {
    Path wasm = Files.write(work.resolve("big.wasm"), TestWasm.module(3_000_000, 3));
    Path config = Files.writeString(work.resolve("config.json"), "{\"auths\":{\"" + registry.address()
        + "\":{\"auth\":\"" + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes()) + "\"}}}");
    Result push = run("", "push", wasm.toString(), ref("big/plugin:v1"), "--insecure", "--oci-artifact",
        "--docker-config", config.toString());
    assertThat(push.exit()).as(push.err()).isZero();
    assertThat(push.err()).contains("pushing blob sha256:").contains("100% (2.9 of 2.9 MiB)");
  }

  @Test
  void wrongPasswordExitsOneWithAMessageThatDoesNotLeakIt() {
    Result pull = run("wrong-Pa55", "pull", ref("test-oci/header-authorization:v0.0.1"), "-o",
        work.resolve("x.wasm").toString(), "--insecure", "-u", USER, "--password-stdin");
    assertThat(pull.exit()).isEqualTo(1);
    assertThat(pull.err()).startsWith("wasmgate: registry " + registry.address() + " refused the credentials of user "
        + USER).doesNotContain("wrong-Pa55");
  }

  @Test
  void usernameWithoutPasswordStdinIsRefused() {
    Result pull = run("", "pull", ref("a/b:c"), "-o", work.resolve("x.wasm").toString(), "-u", USER);
    assertThat(pull.exit()).isEqualTo(1);
    assertThat(pull.err()).contains("--username needs --password-stdin");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
