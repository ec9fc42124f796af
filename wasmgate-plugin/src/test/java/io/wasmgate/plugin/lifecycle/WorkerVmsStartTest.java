package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.host.HostServices;
import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginModule;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.host.vm.LoadedPluginModule;
import io.wasmgate.observability.StatsStore;
import io.wasmgate.plugin.model.FailStrategy;
import io.wasmgate.plugin.model.PluginLimits;
import io.wasmgate.runtime.CompileCache;
import io.wasmgate.runtime.EngineKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plugin version's VMs start side by side, one per worker, and none survives a failed start. */
class WorkerVmsStartTest {
  private static final int WORKERS = 4;

  private final ScheduledExecutorService builder = Executors.newScheduledThreadPool(WORKERS - 1, r -> {
    Thread thread = new Thread(r, "test-vm-builder");
    thread.setDaemon(true);
    return thread;
  });
  private final StatsStore store = new StatsStore();
  private final PluginStats stats = new PluginStats(store, "default.p");
  private final List<Integer> startedFor = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopBuilder() {
    builder.shutdownNow();
  }

  @Test
  void everyWorkerGetsItsOwnStartedVm() throws Exception {
    WorkerVms vms = start(Fixtures.CHAIN_MARKER, recordingServices(), WORKERS);

    Set<TrackedVm> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int w = 0; w < WORKERS; w++) {
      TrackedVm vm = vms.acquire(w);
      assertThat(vm).as("worker %d", w).isNotNull();
      assertThat(vm.failed()).isFalse();
      distinct.add(vm);
      vms.streamEnded(w, vm, true);
    }
    assertThat(distinct).hasSize(WORKERS);
    assertThat(startedFor).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(vms.healthyCount()).isEqualTo(WORKERS);
    assertThat(stats.vms.get()).isEqualTo(WORKERS);

    vms.closeAll();
    assertThat(stats.vms.get()).isZero();
  }

  @Test
  void workersStartSideBySide() throws Exception {
    CountDownLatch bothStarting = new CountDownLatch(2);
    Map<Integer, Boolean> metTheOther = new ConcurrentHashMap<>();
    HostServices meeting = new HostServices() {
      @Override
      public HostServices forWorker(int worker) {
        bothStarting.countDown();
        try {
          // Only a start running beside this one can release it; one after another, it times out.
          metTheOther.put(worker, bothStarting.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return this;
      }
    };

    WorkerVms vms = start(Fixtures.CHAIN_MARKER, meeting, 2);

    assertThat(metTheOther).containsEntry(0, true).containsEntry(1, true);
    vms.closeAll();
  }

  @Test
  void aPluginFailingInConfigureLeavesNoVmOpen() {
    assertThatThrownBy(() -> start(Fixtures.CONFIGURE_FAILS, recordingServices(), WORKERS))
        .isInstanceOf(PluginLoadException.class)
        .hasMessageContaining("configure");
    assertThat(stats.vms.get()).isZero();
    assertThat(stats.activeVms.get()).isZero();
  }

  @Test
  void oneWorkerFailingClosesTheOthersVms() {
    HostServices failsOnWorker2 = new HostServices() {
      @Override
      public HostServices forWorker(int worker) {
        if (worker == 2) {
          throw new IllegalStateException("worker 2 is gone");
        }
        startedFor.add(worker);
        return this;
      }
    };

    assertThatThrownBy(() -> start(Fixtures.CHAIN_MARKER, failsOnWorker2, WORKERS))
        .isInstanceOf(PluginLoadException.class)
        .hasMessage("cannot start a VM on worker 2: java.lang.IllegalStateException: worker 2 is gone");
    assertThat(stats.vms.get()).isZero();
    assertThat(stats.activeVms.get()).isZero();
  }

  @Test
  void theLoadingThreadStartsThemAllWhenTheBuilderIsShutDown() throws Exception {
    builder.shutdownNow();

    WorkerVms vms = start(Fixtures.CHAIN_MARKER, recordingServices(), WORKERS);

    assertThat(startedFor).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(vms.healthyCount()).isEqualTo(WORKERS);
    vms.closeAll();
    assertThat(stats.vms.get()).isZero();
  }

  private HostServices recordingServices() {
    return new HostServices() {
      @Override
      public HostServices forWorker(int worker) {
        startedFor.add(worker);
        return this;
      }
    };
  }

  private WorkerVms start(Path module, HostServices services, int workers) throws Exception {
    PluginModule loaded =
        LoadedPluginModule.load(Files.readAllBytes(module), EngineKind.INTERPRETER, CompileCache.disabled());
    PluginSpec spec = new PluginSpec("default.p", "", "", "{\"tag\":\"t\"}".getBytes(StandardCharsets.UTF_8),
        new byte[0], Map.of());
    VmFactory factory = new VmFactory(loaded, spec, services, stats);
    return WorkerVms.start(factory, FailStrategy.FAIL_CLOSE, PluginLimits.NONE, stats, builder, workers);
  }
}
