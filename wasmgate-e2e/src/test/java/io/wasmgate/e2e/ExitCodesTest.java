package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-shot commands: failures print one "wasmgate: " line on stderr and exit 1; usage errors exit 2. */
class ExitCodesTest {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void runWithAnUnknownClusterExits1NamingTheField() throws Exception {
    int port = GatewayProcess.freePort();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, """
        admin:
          address: 127.0.0.1:%d
        pluginsDir: %s
        listeners:
        - name: main
          address: 127.0.0.1:%d
          routes:
          - name: everything
            match: {prefix: /}
            cluster: nowhere
        clusters:
        - name: httpbin
          endpoints: [127.0.0.1:%d]
        """.formatted(GatewayProcess.freePort(), dir.resolve("plugins"), port, GatewayProcess.freePort()));

    GatewayProcess run = GatewayProcess.runToEnd(TIMEOUT, "run", "-c", config.toString());

    assertThat(run.exitCode()).as(run.allOutput()).isEqualTo(1);
    assertThat(run.stderr()).as(run.allOutput()).hasSize(1);
    assertThat(run.stderr().get(0))
        .startsWith("wasmgate: ")
        .contains("listeners[0].routes[0].cluster")
        .contains("unknown cluster \"nowhere\"");
  }

  @Test
  void runWithAMissingConfigFileExits1NamingTheFile() throws Exception {
    Path missing = dir.resolve("absent.yaml");

    GatewayProcess run = GatewayProcess.runToEnd(TIMEOUT, "run", "-c", missing.toString());

    assertThat(run.exitCode()).as(run.allOutput()).isEqualTo(1);
    assertThat(run.stderr()).hasSize(1);
    assertThat(run.stderr().get(0)).startsWith("wasmgate: ").contains(missing.toString());
  }

  @Test
  void applyAgainstAGatewayThatIsNotRunningExits1() throws Exception {
    int nobody = GatewayProcess.freePort();
    Path plugin = dir.resolve("plugin.yaml");
    Files.writeString(plugin, WasmPluginYaml.chainMarker("orphan", "x"));

    GatewayProcess apply =
        GatewayProcess.runToEnd(TIMEOUT, "apply", "-f", plugin.toString(), "--admin", "127.0.0.1:" + nobody);

    assertThat(apply.exitCode()).as(apply.allOutput()).isEqualTo(1);
    assertThat(apply.stdout()).isEmpty();
    assertThat(apply.stderr()).hasSize(1);
    assertThat(apply.stderr().get(0))
        .startsWith("wasmgate: ")
        .contains("127.0.0.1:" + nobody)
        .contains("cannot reach the gateway's admin server");
  }

  @Test
  void applyOfAMissingFileExits1NamingTheFile() throws Exception {
    Path missing = dir.resolve("nothing-here.yaml");

    GatewayProcess apply = GatewayProcess.runToEnd(TIMEOUT, "apply", "-f", missing.toString(), "--admin",
        "127.0.0.1:" + GatewayProcess.freePort());

    assertThat(apply.exitCode()).as(apply.allOutput()).isEqualTo(1);
    assertThat(apply.stderr()).containsExactly("wasmgate: no such file: " + missing);
  }

  @Test
  void usageErrorsExit2() throws Exception {
    GatewayProcess unknownOption = GatewayProcess.runToEnd(TIMEOUT, "run", "--no-such-option");
    assertThat(unknownOption.exitCode()).as(unknownOption.allOutput()).isEqualTo(2);
    assertThat(String.join("\n", unknownOption.stderr())).contains("--no-such-option");

    GatewayProcess missingFile = GatewayProcess.runToEnd(TIMEOUT, "apply");
    assertThat(missingFile.exitCode()).as(missingFile.allOutput()).isEqualTo(2);
    assertThat(String.join("\n", missingFile.stderr())).contains("--filename");
  }

  @Test
  void helpExits0() throws Exception {
    GatewayProcess help = GatewayProcess.runToEnd(TIMEOUT, "run", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(String.join("\n", help.stdout())).contains("--config").contains("--listen").contains("--admin");
  }
}
