package io.wasmgate.host;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wasmgate.runtime.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.LoggerFactory;

/** Real plugin binaries, worker threads, metrics and a thread-aware log capture for host tests. */
final class HostFeatureFixtures {
  static final String C_SHARED_STATE = "../plugins/c/shared-state/plugin.wasm";
  static final String GO_SHARED_STATE = "../plugins/go/shared-state/plugin.wasm";
  static final String C_METRICS_FOREIGN = "../plugins/c/metrics-foreign/plugin.wasm";

  /** Go modules take seconds to compile: each binary is compiled once per engine. */
  private static final Map<String, PluginModule> MODULES = new ConcurrentHashMap<>();

  private HostFeatureFixtures() {}

  static PluginModule module(String path, EngineKind engine) {
    return MODULES.computeIfAbsent(path + engine, key -> {
      try {
        return ProxyWasmHost.load(Files.readAllBytes(Path.of(path)), engine);
      } catch (IOException | PluginLoadException e) {
        throw new IllegalStateException("cannot load " + path, e);
      }
    });
  }

  /** A single-threaded worker named {@code name}; cancelled timers leave its queue. */
  static ScheduledThreadPoolExecutor worker(String name) {
    ScheduledThreadPoolExecutor worker =
        new ScheduledThreadPoolExecutor(1, task -> new Thread(task, name));
    worker.setRemoveOnCancelPolicy(true);
    return worker;
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  /** Plugin metrics kept in maps, as the gateway's stats store would keep them. */
  static final class MapMetrics implements PluginMetrics {
    final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    final Map<String, List<Long>> histograms = new ConcurrentHashMap<>();

    @Override
    public LongAdder counter(String name) {
      return counters.computeIfAbsent(name, n -> new LongAdder());
    }

    @Override
    public AtomicLong gauge(String name) {
      return gauges.computeIfAbsent(name, n -> new AtomicLong());
    }

    @Override
    public LongConsumer histogram(String name) {
      List<Long> values =
          histograms.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()));
      return values::add;
    }
  }

  /** The "wasm" logger's events with the thread that logged each; safe to read while VMs log. */
  static final class ThreadedLog implements AutoCloseable {
    record Line(String thread, String message) {}

    private final Logger logger = (Logger) LoggerFactory.getLogger("wasm");
    private final Level previous = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender =
        new ListAppender<>() {
          @Override
          protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // the thread name is otherwise taken on first read
            super.append(event);
          }
        };

    ThreadedLog() {
      logger.setLevel(Level.INFO);
      appender.start();
      logger.addAppender(appender);
    }

    /** Lines whose message (after the plugin prefix) starts with {@code prefix}. */
    List<Line> lines(String prefix) {
      List<ILoggingEvent> events;
      synchronized (appender) { // AppenderBase appends under this lock
        events = List.copyOf(appender.list);
      }
      return events.stream()
          .map(e -> new Line(e.getThreadName(), e.getFormattedMessage().replaceFirst("^wasm log [^:]+: ", "")))
          .filter(line -> line.message().startsWith(prefix))
          .toList();
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
      logger.setLevel(previous);
    }
  }
}
