package io.wasmgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class DefaultLoggingTest {
  @Test
  void installsEnvoyShapedStderrLoggingWithPluginDebugHidden() {
    LoggerContext context = new LoggerContext(); // a private context: the test JVM's stays untouched

    DefaultLogging.install(context, Level.WARN);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("stderr")).isInstanceOfSatisfying(ConsoleAppender.class, a -> {
      assertThat(a.getTarget()).isEqualTo("System.err");
      assertThat(a.isStarted()).isTrue();
    });
    Logger wasm = context.getLogger(LogLevels.WASM);
    assertThat(wasm.isInfoEnabled()).isTrue();
    assertThat(wasm.isDebugEnabled()).isFalse();
  }
}
