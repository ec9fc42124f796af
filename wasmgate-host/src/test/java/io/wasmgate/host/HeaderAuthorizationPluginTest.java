package io.wasmgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.wasmgate.abi.Action;
import io.wasmgate.runtime.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tutorial plugin as real binaries: the Go SDK build (examples/) and its C equivalent
 * (plugins/c/), each under both engines. A request passes only with header "allow: true".
 */
class HeaderAuthorizationPluginTest {
  private static final String GO = "../examples/header-authorization/plugin.wasm";
  private static final String C = "../plugins/c/header-authorization/plugin.wasm";
  private static final String FORBIDDEN = "Forbidden by ASM Wasm Plugin";

  /** Go modules are ~3 MB and take seconds to compile: compile each once for all tests. */
  private static final Map<String, PluginModule> MODULES = new ConcurrentHashMap<>();

  static Stream<Arguments> plugins() {
    return Stream.of(GO, C)
        .flatMap(p -> Stream.of(EngineKind.values()).map(e -> Arguments.of(p, e)));
  }

  private static PluginVm start(String plugin, EngineKind engine) throws PluginLoadException {
    PluginModule module = MODULES.computeIfAbsent(plugin + engine, key -> load(plugin, engine));
    return module.start(Fixtures.spec(null), HostServices.NONE);
  }

  private static PluginModule load(String plugin, EngineKind engine) {
    try {
      return ProxyWasmHost.load(Files.readAllBytes(Path.of(plugin)), engine);
    } catch (IOException | PluginLoadException e) {
      throw new IllegalStateException("cannot load " + plugin, e);
    }
  }

  private static String logLine(String value) {
    return "DEBUG wasm log default.test-plugin: request header: 'allow' is "
        + value
        + ", only true can passthrough";
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("plugins")
  void refusesARequestWithoutTheHeader(String plugin, EngineKind engine) throws Exception {
    TestStream stream = TestStream.get("/get");
    try (WasmLogCapture log = new WasmLogCapture(Level.DEBUG);
        PluginVm vm = start(plugin, engine);
        HttpContext context = vm.createHttpContext(stream)) {

      assertThat(context.onRequestHeaders(stream.requestHeaders.size(), true))
          .isEqualTo(Action.PAUSE);
      assertThat(log.lines()).containsExactly(logLine(""));
    }
    assertThat(stream.localResponses).hasSize(1);
    assertThat(stream.localResponses.get(0).status()).isEqualTo(403);
    assertThat(new String(stream.localResponses.get(0).body())).isEqualTo(FORBIDDEN);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("plugins")
  void passesARequestWithAllowTrue(String plugin, EngineKind engine) throws Exception {
    TestStream stream = TestStream.get("/get", "allow", "true");
    try (WasmLogCapture log = new WasmLogCapture(Level.DEBUG);
        PluginVm vm = start(plugin, engine);
        HttpContext context = vm.createHttpContext(stream)) {

      assertThat(context.onRequestHeaders(stream.requestHeaders.size(), true))
          .isEqualTo(Action.CONTINUE);
      assertThat(log.lines()).containsExactly(logLine("true"));
    }
    assertThat(stream.localResponses).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("plugins")
  void oneVmServesManyStreams(String plugin, EngineKind engine) throws Exception {
    try (PluginVm vm = start(plugin, engine)) {
      for (int i = 0; i < 50; i++) {
        String value = i % 2 == 0 ? "true" : "false";
        TestStream stream = TestStream.get("/get", "Allow", value);
        try (HttpContext context = vm.createHttpContext(stream)) {
          Action action = context.onRequestHeaders(stream.requestHeaders.size(), true);
          context.onDone();
          context.onLog();

          assertThat(action).isEqualTo(i % 2 == 0 ? Action.CONTINUE : Action.PAUSE);
          assertThat(stream.localResponses).hasSize(i % 2 == 0 ? 0 : 1);
        }
      }
      assertThat(vm.isFailed()).isFalse();
    }
  }
}
