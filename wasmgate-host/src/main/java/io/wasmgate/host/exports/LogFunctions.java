package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.LogLevel;
import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** proxy_log and proxy_get_log_level, over the SLF4J logger "wasm" as Envoy's wasm logger id. */
public final class LogFunctions {
  /** Plugin log lines go here; its level decides what proxy_get_log_level answers. */
  public static final Logger WASM_LOG = LoggerFactory.getLogger("wasm");

  private LogFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_log", "iii", LogFunctions::log),
        ProxyFunction.env("proxy_get_log_level", "i", LogFunctions::getLogLevel));
  }

  private static ProxyStatus log(HostCall call, long[] args) {
    LogLevel level = LogLevel.of(args[0]);
    if (level == null) {
      return ProxyStatus.BAD_ARGUMENT;
    }
    log(call.vm().spec(), level, call.readString(args[1], args[2]));
    return ProxyStatus.OK;
  }

  /** Writes one plugin message as Envoy does: "wasm log &lt;plugin&gt;: &lt;message&gt;". */
  public static void log(PluginSpec spec, LogLevel level, String message) {
    String line = spec.logPrefix() + message;
    switch (level) {
      case TRACE -> WASM_LOG.trace(line);
      case DEBUG -> WASM_LOG.debug(line);
      case INFO -> WASM_LOG.info(line);
      case WARN -> WASM_LOG.warn(line);
      case ERROR, CRITICAL -> WASM_LOG.error(line);
    }
  }

  private static ProxyStatus getLogLevel(HostCall call, long[] args) {
    call.memory().writeU32(u32(args[0]), currentLevel().ordinal());
    return ProxyStatus.OK;
  }

  /** The most verbose proxy level the "wasm" logger lets through (critical when it is off). */
  static LogLevel currentLevel() {
    if (WASM_LOG.isTraceEnabled()) {
      return LogLevel.TRACE;
    } else if (WASM_LOG.isDebugEnabled()) {
      return LogLevel.DEBUG;
    } else if (WASM_LOG.isInfoEnabled()) {
      return LogLevel.INFO;
    } else if (WASM_LOG.isWarnEnabled()) {
      return LogLevel.WARN;
    } else if (WASM_LOG.isErrorEnabled()) {
      return LogLevel.ERROR;
    }
    return LogLevel.CRITICAL;
  }
}
