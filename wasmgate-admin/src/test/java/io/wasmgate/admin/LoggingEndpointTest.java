package io.wasmgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.wasmgate.observability.StatsStore;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingEndpointTest {
  private final org.slf4j.Logger wasm = LoggerFactory.getLogger("wasm");
  private AdminServer server;
  private AdminClient admin;

  @BeforeEach
  void start() throws Exception {
    server = AdminServer.builder().address("127.0.0.1", 0).stats(new StatsStore()).build().start();
    admin = new AdminClient(server);
  }

  @AfterEach
  void stopAndRestoreLevels() {
    server.close();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLoggerList().stream()
        .filter(l -> !l.getName().equals(Logger.ROOT_LOGGER_NAME))
        .forEach(l -> l.setLevel(null));
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    context.getLogger("wasm").setLevel(Level.INFO);
  }

  @Test
  void getListsActiveLoggers() throws Exception {
    HttpResponse<String> r = admin.get("/logging");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("active loggers:\n").contains("  wasm: info\n", "  root: info\n");
  }

  @Test
  void postWasmDebugTurnsOnPluginDebugLogging() throws Exception {
    assertThat(wasm.isDebugEnabled()).isFalse();

    HttpResponse<String> r = admin.post("/logging?wasm=debug");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("active loggers:\n").contains("  wasm: debug\n");
    assertThat(wasm.isDebugEnabled()).isTrue();
  }

  @Test
  void getWithAChangeIs405AndChangesNothing() throws Exception {
    HttpResponse<String> r = admin.get("/logging?wasm=debug");

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.body()).isEqualTo("Method GET not allowed, POST required.\n");
    assertThat(wasm.isDebugEnabled()).isFalse();
  }

  @Test
  void levelSetsEveryLogger() throws Exception {
    HttpResponse<String> r = admin.post("/logging?level=warning");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("  wasm: warning\n", "  http: warning\n", "  root: warning\n");
    assertThat(wasm.isInfoEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("io.wasmgate.proxy.Anything").isInfoEnabled()).isFalse();
  }

  @Test
  void pathsSetSeveralLoggersIncludingPlainLoggerNames() throws Exception {
    HttpResponse<String> r = admin.post("/logging?paths=wasm:trace,com.dylibso.chicory:error");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("  wasm: trace\n", "  com.dylibso.chicory: error\n");
    assertThat(wasm.isTraceEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("com.dylibso.chicory.runtime").isWarnEnabled()).isFalse();
  }

  @Test
  void badLevelIs400NamingItAndNothingChanges() throws Exception {
    HttpResponse<String> r = admin.post("/logging?paths=wasm:debug,http:loud");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("'loud'", "'http'");
    assertThat(wasm.isDebugEnabled()).isFalse();
  }

  @Test
  void malformedPathsEntryIs400() throws Exception {
    HttpResponse<String> r = admin.post("/logging?paths=wasm");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("'wasm'", "<logger>:<level>");
  }
}
