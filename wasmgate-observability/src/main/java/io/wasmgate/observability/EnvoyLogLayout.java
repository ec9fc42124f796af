package io.wasmgate.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Envoy's log line shape: {@code [2026-11-28 12:00:00.000][thread][info][wasm] message}, with the
 * logger shown as its component name (see {@link LogLevels}) and Envoy's level names.
 */
public final class EnvoyLogLayout extends LayoutBase<ILoggingEvent> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    line.append('[').append(TIME.format(event.getInstant())).append(']')
        .append('[').append(event.getThreadName()).append(']')
        .append('[').append(LogLevels.envoyName(event.getLevel())).append(']')
        .append('[').append(LogLevels.componentOf(event.getLoggerName())).append("] ")
        .append(event.getFormattedMessage())
        .append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
    }
    return line.toString();
  }
}
