package io.wasmgate.plugin.lifecycle;

import io.wasmgate.abi.Action;
import io.wasmgate.host.HttpContext;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.PluginTrapException;
import io.wasmgate.host.PluginVm;
import io.wasmgate.plugin.StreamFilter;
import io.wasmgate.plugin.model.FailStrategy;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's HTTP context behind its failStrategy. The first trap (or a VM found failed) ends the
 * plugin's part in the stream: FAIL_OPEN continues without it; FAIL_CLOSE and FAIL_RELOAD answer
 * 503 wasm_fail_stream. Either way a later stream gets a fresh VM (see {@link WorkerVms}).
 * Afterwards every callback continues, so the local response itself passes through.
 */
final class GuardedFilter implements StreamFilter {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedFilter.class);

  private final PluginInstance plugin;
  private final int worker;
  private final TrackedVm tracked;
  private final PluginVm vm;
  private final HttpContext context;
  private final HttpStreamHost stream;
  private boolean failed;
  private boolean closed;
  /** The exchange is over: a failure now can no longer change its response. */
  private boolean completing;

  GuardedFilter(
      PluginInstance plugin, int worker, TrackedVm tracked, HttpContext context, HttpStreamHost stream) {
    this.plugin = plugin;
    this.worker = worker;
    this.tracked = tracked;
    this.vm = tracked.vm();
    this.context = context;
    this.stream = stream;
  }

  @Override
  public String pluginName() {
    return plugin.qualifiedName();
  }

  @Override
  public Action onRequestHeaders(int headerCount, boolean endOfStream) {
    return run("onRequestHeaders", c -> c.onRequestHeaders(headerCount, endOfStream));
  }

  @Override
  public Action onRequestBody(int bodySize, boolean endOfStream) {
    return run("onRequestBody", c -> c.onRequestBody(bodySize, endOfStream));
  }

  @Override
  public Action onRequestTrailers(int trailerCount) {
    return run("onRequestTrailers", c -> c.onRequestTrailers(trailerCount));
  }

  @Override
  public Action onResponseHeaders(int headerCount, boolean endOfStream) {
    return run("onResponseHeaders", c -> c.onResponseHeaders(headerCount, endOfStream));
  }

  @Override
  public Action onResponseBody(int bodySize, boolean endOfStream) {
    return run("onResponseBody", c -> c.onResponseBody(bodySize, endOfStream));
  }

  @Override
  public Action onResponseTrailers(int trailerCount) {
    return run("onResponseTrailers", c -> c.onResponseTrailers(trailerCount));
  }

  @Override
  public void onStreamComplete() {
    completing = true;
    run(
        "onDone/onLog",
        c -> {
          c.onDone();
          c.onLog();
          return Action.CONTINUE;
        });
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!vm.isFailed()) {
      context.close();
    }
    plugin.vms().streamEnded(worker, tracked, !failed);
    plugin.release();
  }

  private Action run(String callback, Function<HttpContext, Action> call) {
    if (failed || closed) {
      return Action.CONTINUE;
    }
    if (vm.isFailed()) { // the trap was logged where it happened (a root callback)
      return fail();
    }
    plugin.stats().calls.increment();
    try {
      return call.apply(context);
    } catch (RuntimeException e) { // a trap, or a host bug: either way the plugin cannot go on
      plugin.stats().failures.increment();
      if (e instanceof PluginTrapException) {
        plugin.stats().traps.increment();
      }
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      plugin.stats().lastError = reason;
      Action action = fail();
      // The one log line per trap: the host logs it at DEBUG only. The reason carries the wasm stack.
      LOG.warn("wasm plugin {} failed in {} ({}: {}): {}", plugin.qualifiedName(), callback,
          plugin.failStrategy(), actionTaken(), reason);
      return action;
    }
  }

  private Action fail() {
    failed = true;
    if (completing || plugin.failStrategy() == FailStrategy.FAIL_OPEN) {
      return Action.CONTINUE;
    }
    stream.sendLocalResponse(FailClosedResponse.create());
    return Action.PAUSE;
  }

  private String actionTaken() {
    if (completing) {
      return "the response was already sent";
    }
    return plugin.failStrategy() == FailStrategy.FAIL_OPEN
        ? "plugin skipped for this stream"
        : "answered 503 wasm_fail_stream";
  }
}
