package io.wasmgate.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real wasmgate jar run as a child process, with its stdout and stderr lines captured. */
final class GatewayProcess implements AutoCloseable {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path JAR = ROOT.resolve("wasmgate-cli/target/wasmgate.jar");

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final List<Thread> pumps;

  private GatewayProcess(Process process) {
    this.process = process;
    pumps =
        List.of(
            pump(process.getInputStream(), stdout, "stdout"),
            pump(process.getErrorStream(), stderr, "stderr"));
  }

  static GatewayProcess start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  /** Starts the jar with {@code env} added to this JVM's environment. */
  static GatewayProcess start(Map<String, String> env, String... args) throws IOException {
    return start(env, null, args);
  }

  /** Starts the jar with a compiled-code cache of its own instead of the one the test run shares. */
  static GatewayProcess startWithCompiledCache(Path compiledCache, String... args) throws IOException {
    return start(Map.of(), null, compiledCache, args);
  }

  private static GatewayProcess start(Map<String, String> env, Path stdin, String... args) throws IOException {
    // Compiled plugin code is cached per build, never in the user's ~/.wasmgate; the gateways of
    // one test run share it, so the Go plugin is compiled once.
    return start(env, stdin, ROOT.resolve("wasmgate-e2e/target/compiled-cache"), args);
  }

  private static GatewayProcess start(Map<String, String> env, Path stdin, Path compiledCache, String... args)
      throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("missing " + JAR + ": run `mvn verify` from the root");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-XX:-DontCompileHugeMethods");
    command.add("-Dwasmgate.home=" + ROOT);
    command.add("-Dwasmgate.compiled.cache.dir=" + compiledCache);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().putAll(env);
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    return new GatewayProcess(builder.start());
  }

  /** Runs the jar to completion and returns it (for one-shot commands). */
  static GatewayProcess runToEnd(Duration timeout, String... args)
      throws IOException, InterruptedException {
    return runToEnd(timeout, null, args);
  }

  /** {@link #runToEnd} with standard input read from {@code stdin} (e.g. --password-stdin). */
  static GatewayProcess runToEnd(Duration timeout, Path stdin, String... args)
      throws IOException, InterruptedException {
    GatewayProcess p = start(Map.of(), stdin, args);
    if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.close();
      throw new IllegalStateException("wasmgate " + String.join(" ", args) + " did not finish");
    }
    for (Thread pump : p.pumps) {
      pump.join(TimeUnit.SECONDS.toMillis(5)); // every line read before anyone looks at them
    }
    return p;
  }

  int exitCode() throws InterruptedException {
    return process.waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  List<String> stdout() {
    return stdout;
  }

  List<String> stderr() {
    return stderr;
  }

  String allOutput() {
    return String.join("\n", stdout) + "\n" + String.join("\n", stderr);
  }

  /** Waits until a line of stdout or stderr matches; fails with the output so far. */
  String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : stdout) {
        if (match.test(line)) {
          return line;
        }
      }
      for (String line : stderr) {
        if (match.test(line)) {
          return line;
        }
      }
      if (!process.isAlive() && process.exitValue() != 0) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no matching output line within " + timeout + "; output:\n" + allOutput());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Thread pump(InputStream in, List<String> sink, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  sink.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "gateway-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
