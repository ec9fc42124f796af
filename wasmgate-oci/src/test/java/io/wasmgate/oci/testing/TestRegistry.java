package io.wasmgate.oci.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real CNCF distribution registry (Debian's {@code docker-registry}) on a free loopback port, with filesystem storage
 * and optional htpasswd, token or TLS settings, all in a temp directory.
 */
public final class TestRegistry implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final Path dir;
  private final int port;

  private TestRegistry(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Skips the calling test class when the registry binary is not installed (CI installs it). */
  public static void assumeInstalled() {
    assumeTrue(Files.isExecutable(BINARY),
        BINARY + " is missing: install Debian's docker-registry (scripts/install-tools.sh) to run registry tests");
  }

  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** host:port of the registry. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public String log() throws IOException {
    return Files.readString(dir.resolve("registry.log"));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Assembles the registry's YAML config. */
  public static final class Builder {
    private final Path dir;
    private final List<String> auth = new ArrayList<>();
    private final List<String> tls = new ArrayList<>();
    private int port;

    private Builder(Path dir) {
      this.dir = dir;
    }

    public Builder htpasswd(String user, String password) throws IOException, InterruptedException {
      Path file = dir.resolve("htpasswd");
      // bcrypt is the only hash distribution accepts.
      Process p = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IOException("htpasswd failed: " + new String(out));
      }
      Files.write(file, out);
      auth.add("  htpasswd:\n    realm: wasmgate-test\n    path: " + file);
      return this;
    }

    public Builder token(String realm, String service, String issuer, Path rootCertBundle) {
      auth.add("  token:\n    realm: " + realm + "\n    service: " + service + "\n    issuer: " + issuer
          + "\n    rootcertbundle: " + rootCertBundle);
      return this;
    }

    public Builder tls(Path certificate, Path key) {
      tls.add("  tls:\n    certificate: " + certificate + "\n    key: " + key);
      return this;
    }

    /** Listens on {@code fixedPort} (to bring a stopped registry back at the same address) instead of a free one. */
    public Builder port(int fixedPort) {
      this.port = fixedPort;
      return this;
    }

    public TestRegistry start() throws IOException, InterruptedException {
      int port = this.port != 0 ? this.port : freePort();
      StringBuilder yaml = new StringBuilder()
          .append("version: 0.1\nlog:\n  level: warn\n")
          .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("storage")).append('\n')
          .append("  delete:\n    enabled: true\n")
          .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
      tls.forEach(t -> yaml.append(t).append('\n'));
      if (!auth.isEmpty()) {
        yaml.append("auth:\n");
        auth.forEach(a -> yaml.append(a).append('\n'));
      }
      Path config = dir.resolve("config.yml");
      Files.writeString(config, yaml);
      Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("registry.log").toFile())
          .start();
      TestRegistry registry = new TestRegistry(process, dir, port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("docker-registry exited: " + registry.log());
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return registry;
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      registry.close();
      throw new IOException("docker-registry did not listen on " + port + ": " + registry.log());
    }
  }
}
