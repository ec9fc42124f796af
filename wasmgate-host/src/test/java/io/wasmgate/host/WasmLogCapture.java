package io.wasmgate.host;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures the "wasm" logger's events at a chosen level; close restores the logger. */
final class WasmLogCapture implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("wasm");
  private final Level previous = logger.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  WasmLogCapture(Level level) {
    logger.setLevel(level);
    appender.start();
    logger.addAppender(appender);
  }

  /** "LEVEL message" per event, in order. */
  List<String> lines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
