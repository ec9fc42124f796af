package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.wasmgate.oci.testing.TestWasm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modules served by a real HTTP server on loopback, in every packaging Istio's HTTP fetcher accepts. */
class HttpModuleCacheTest {
  private static final byte[] WASM = TestWasm.module(4_000, 7);
  private static final String SHA = Digests.sha256(WASM).substring("sha256:".length());

  @TempDir Path dir;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger downloads = new AtomicInteger();
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = files.get(exchange.getRequestURI().getPath());
      downloads.incrementAndGet();
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    files.put("/raw.wasm", WASM);
    files.put("/plugin.wasm.gz", TarGz.gzip(WASM));
    files.put("/plugin.tar", TarGz.singleFileTar("dist/plugin.wasm", WASM));
    files.put("/plugin.tar.gz", TarGz.gzip(TarGz.singleFileTar("plugin.wasm", WASM)));
    files.put("/other.tar.gz", TarGz.gzip(TarGz.singleFileTar("other.wasm", WASM)));
    files.put("/page.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private HttpModuleCache cache() throws OciException {
    return new HttpModuleCache(dir, RegistryOptions.defaults());
  }

  @Test
  void rawGzipTarAndTarGzAllYieldTheModule() throws Exception {
    for (String path : new String[] {"/raw.wasm", "/plugin.wasm.gz", "/plugin.tar", "/plugin.tar.gz"}) {
      CachedModule module = cache().fetch(new HttpModuleCache.Request(url(path), PullPolicy.ALWAYS, null));
      assertThat(module.wasmSha256()).as(path).isEqualTo(SHA);
      assertThat(Files.readAllBytes(module.file())).as(path).isEqualTo(WASM);
    }
  }

  @Test
  void ifNotPresentServesTheCacheAndAlwaysDownloadsButFallsBackWhenTheServerIsGone() throws Exception {
    HttpModuleCache.Request ifNotPresent = new HttpModuleCache.Request(url("/raw.wasm"), PullPolicy.IF_NOT_PRESENT, null);
    assertThat(cache().fetch(ifNotPresent).fromCache()).isFalse();
    assertThat(cache().fetch(ifNotPresent).fromCache()).isTrue();
    assertThat(downloads).hasValue(1);

    HttpModuleCache.Request always = new HttpModuleCache.Request(url("/raw.wasm"), PullPolicy.ALWAYS, SHA);
    assertThat(cache().fetch(always).fromCache()).isFalse();
    assertThat(downloads).hasValue(2);

    server.stop(0);
    CachedModule fallback = cache().fetch(always);
    assertThat(fallback.fromCache()).isTrue();
    assertThat(fallback.wasmSha256()).isEqualTo(SHA);
  }

  @Test
  void badContentAndMismatchesAreErrorsNamingTheProblem() {
    assertThatThrownBy(() -> cache().fetch(new HttpModuleCache.Request(url("/raw.wasm"), PullPolicy.ALWAYS, "0".repeat(64))))
        .hasMessageContaining("sha256 mismatch").hasMessageContaining("spec.sha256 is " + "0".repeat(64));
    assertThatThrownBy(() -> cache().fetch(new HttpModuleCache.Request(url("/other.tar.gz"), PullPolicy.ALWAYS, null)))
        .hasMessage("plugin.wasm not found in the tar archive");
    assertThatThrownBy(() -> cache().fetch(new HttpModuleCache.Request(url("/page.html"), PullPolicy.ALWAYS, null)))
        .hasMessageContaining("is not a Wasm module");
    assertThatThrownBy(() -> cache().fetch(new HttpModuleCache.Request(url("/missing.wasm"), PullPolicy.ALWAYS, null)))
        .hasMessageContaining("HTTP 404");
    assertThatThrownBy(() -> new HttpModuleCache(dir, RegistryOptions.defaults().withMaxBlobBytes(1_000))
            .fetch(new HttpModuleCache.Request(url("/raw.wasm"), PullPolicy.ALWAYS, null)))
        .hasMessageContaining("over the limit of 1000");
  }
}
