package io.wasmgate.conformance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what plugins log (the "wasm" logger, from TRACE) until closed. */
final class WasmLog implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("wasm");
  private final Level previous = logger.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  WasmLog() {
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.TRACE);
  }

  /** Every message so far, as "LEVEL message"; safe while plugins keep logging. */
  List<String> lines() {
    // AppenderBase.doAppend holds the appender's lock while it adds.
    synchronized (appender) {
      return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
  }

  @Override
  public void close() {
    logger.setLevel(previous);
    logger.detachAppender(appender);
  }
}
