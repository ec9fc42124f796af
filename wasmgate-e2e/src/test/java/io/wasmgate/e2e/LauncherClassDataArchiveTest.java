package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * bin/wasmgate records a class-data archive with a training run once per jar and JVM, and starts
 * every later run with it. The archive must be one this JVM really maps: {@code -Xshare:on} makes
 * the JVM refuse to start otherwise, where the launcher's {@code -Xshare:auto} would hide it.
 */
class LauncherClassDataArchiveTest {
  private static final Path LAUNCHER = GatewayProcess.ROOT.resolve("bin/wasmgate");
  private static final Path ARCHIVES = GatewayProcess.ROOT.resolve("wasmgate-cli/target/cds");
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  @Test
  void theLauncherRecordsAnArchiveThatTheJvmMapsAndStartsWithIt() throws Exception {
    Result first = run(List.of("bash", LAUNCHER.toString(), "--version"));
    assertThat(first.exitCode).as(first.output).isZero();
    assertThat(first.output).contains("wasmgate ");

    Path archive = newestArchive();
    assertThat(archive).as("an archive under " + ARCHIVES).isNotNull();
    assertThat(Files.size(archive)).isGreaterThan(1_000_000L);

    Result second = run(List.of("bash", LAUNCHER.toString(), "--version"));
    assertThat(second.exitCode).as(second.output).isZero();
    assertThat(second.output).as("the archive is reused, not recorded again")
        .doesNotContain("recording a class-data archive");

    Result mapped = run(List.of(JAVA, "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
        "-jar", GatewayProcess.JAR.toString(), "--version"));
    assertThat(mapped.exitCode).as(mapped.output).isZero();
  }

  private static Path newestArchive() throws IOException {
    try (Stream<Path> files = Files.list(ARCHIVES)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsa"))
          .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
          .orElse(null);
    }
  }

  private record Result(int exitCode, String output) {}

  /** Runs with this JVM first on PATH, so the launcher records the archive for it. */
  private static Result run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    String javaDir = Path.of(JAVA).getParent() == null ? "" : Path.of(JAVA).getParent() + ":";
    builder.environment().put("PATH", javaDir + System.getenv("PATH"));
    builder.environment().remove("WASMGATE_CDS");
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
