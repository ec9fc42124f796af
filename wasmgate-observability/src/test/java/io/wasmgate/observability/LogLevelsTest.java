package io.wasmgate.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelsTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final LogLevels levels = new LogLevels();

  @AfterEach
  void restoreTestConfiguration() {
    context.getLoggerList().stream()
        .filter(l -> !l.getName().equals(Logger.ROOT_LOGGER_NAME))
        .forEach(l -> l.setLevel(null));
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    context.getLogger(LogLevels.WASM).setLevel(Level.INFO);
  }

  @Test
  void settingWasmToDebugLetsPluginDebugLinesThrough() {
    org.slf4j.Logger wasm = LoggerFactory.getLogger("wasm");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    ((Logger) wasm).addAppender(seen);
    try {
      wasm.debug("wasm log default.auth: hidden");
      assertThat(wasm.isDebugEnabled()).isFalse();

      levels.set("wasm", LogLevels.parseLevel("debug"));
      wasm.debug("wasm log default.auth: shown");

      assertThat(wasm.isDebugEnabled()).isTrue();
      assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("wasm log default.auth: shown");
      assertThat(levels.active()).containsEntry("wasm", "debug");
    } finally {
      ((Logger) wasm).detachAppender(seen);
    }
  }

  @Test
  void componentNamesControlTheirPackagesAndOtherNamesAreLoggerNames() {
    levels.set("http", Level.TRACE);
    levels.set("com.dylibso.chicory", Level.ERROR);

    assertThat(LoggerFactory.getLogger("io.wasmgate.proxy.StreamHandler").isTraceEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("com.dylibso.chicory.runtime.Instance").isWarnEnabled()).isFalse();
    assertThat(levels.active())
        .containsEntry("http", "trace")
        .containsEntry("com.dylibso.chicory", "error")
        .containsEntry("root", "info")
        .containsEntry("admin", "info");
  }

  @Test
  void setAllChangesEveryComponentAndExplicitLogger() {
    levels.set("com.example.noisy", Level.TRACE);

    levels.setAll(LogLevels.parseLevel("warning"));

    assertThat(levels.active().values()).containsOnly("warning");
    assertThat(LoggerFactory.getLogger("com.example.noisy").isInfoEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("wasm").isWarnEnabled()).isTrue();
  }

  @Test
  void envoyLevelNamesAreAcceptedAndShown() {
    assertThat(LogLevels.parseLevel("critical")).isEqualTo(Level.ERROR);
    assertThat(LogLevels.parseLevel("WARN")).isEqualTo(Level.WARN);
    assertThat(LogLevels.parseLevel("off")).isEqualTo(Level.OFF);
    assertThat(LogLevels.envoyName(Level.WARN)).isEqualTo("warning");
    assertThat(LogLevels.envoyName(Level.TRACE)).isEqualTo("trace");
  }

  @Test
  void unknownLevelIsRejectedByName() {
    assertThatThrownBy(() -> LogLevels.parseLevel("loud"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loud'")
        .hasMessageContaining("warning");
  }

  @Test
  void layoutWritesEnvoyShapedLinesWithComponentNames() {
    EnvoyLogLayout layout = new EnvoyLogLayout();
    Logger logger = context.getLogger("io.wasmgate.proxy.StreamHandler");
    LoggingEvent event =
        new LoggingEvent("fqcn", logger, Level.WARN, "upstream {} reset", null, new Object[] {"a"});
    event.setThreadName("worker-1");

    assertThat(layout.doLayout(event)).matches(
        "\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}]\\[worker-1]\\[warning]\\[http] upstream a reset\\R");
  }
}
