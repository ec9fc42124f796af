package io.wasmgate.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the gateway's default Logback setup in code: Envoy-shaped lines on stderr. */
public final class DefaultLogging {
  private DefaultLogging() {}

  /**
   * Replaces the current configuration: one stderr appender with {@link EnvoyLogLayout}, the root
   * at {@code level}, and the {@code wasm} plugin logger at info so plugin debug lines stay hidden
   * until {@code POST /logging?wasm=debug}.
   */
  public static void install(LoggerContext context, Level level) {
    context.reset();
    EnvoyLogLayout layout = new EnvoyLogLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(stderr);
    root.setLevel(level);
    context.getLogger(LogLevels.WASM).setLevel(Level.INFO);
  }
}
