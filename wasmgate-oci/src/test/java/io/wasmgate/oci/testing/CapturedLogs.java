package io.wasmgate.oci.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures everything io.wasmgate.oci logs, to check that secrets never reach a log line. */
public final class CapturedLogs implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.wasmgate.oci");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public CapturedLogs() {
    appender.start();
    logger.addAppender(appender);
  }

  public String text() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
