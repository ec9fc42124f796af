package io.wasmgate.host.vm;

import io.wasmgate.host.PluginLoadException;
import io.wasmgate.host.PluginTrapException;
import io.wasmgate.host.VmLimits;
import io.wasmgate.runtime.CompiledModule;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.InstanceOptions;
import io.wasmgate.runtime.WasmException;
import io.wasmgate.runtime.WasmExitException;
import io.wasmgate.runtime.WasmInstance;
import io.wasmgate.runtime.WasmTrapException;

/**
 * Brings a VM up as cpp-host does: instantiate (running any start section), run the entry point,
 * then create the root context and call proxy_on_vm_start and proxy_on_configure.
 */
final class VmBoot {
  private VmBoot() {}

  static ProxyWasmVm start(CompiledModule module, ProxyWasmVm vm) throws PluginLoadException {
    String plugin = "plugin " + vm.spec().name() + ": ";
    VmLimits limits = vm.spec().limits();
    InstanceOptions options =
        InstanceOptions.DEFAULT
            .withAttachment(vm)
            .withMaxMemoryPages(limits.maxMemoryPages())
            .withCallTimeout(limits.startTimeout());
    WasmInstance instance;
    try {
      instance = module.instantiate(HostImports.ALL, options);
    } catch (WasmException e) {
      throw new PluginLoadException(plugin + "cannot instantiate: " + e.getMessage(), e);
    }
    vm.attach(instance);
    try {
      runEntryPoint(module, instance);
    } catch (WasmTrapException e) {
      throw new PluginLoadException(plugin + "entry point failed: " + e.getMessage(), e);
    }
    try {
      // A tick armed by proxy_on_configure runs on the worker: it waits for the boot to end.
      synchronized (vm) {
        startRootContext(vm);
      }
    } catch (PluginTrapException | PluginLoadException e) {
      vm.close(); // releases what configure may have set up (ticks, queues)
      throw e instanceof PluginLoadException ple ? ple : new PluginLoadException(e.getMessage(), e);
    }
    instance.callTimeout(limits.callbackTimeout());
    return vm;
  }

  /** A reactor's _initialize (then main(0, 0) if exported), else a command's _start. */
  private static void runEntryPoint(CompiledModule module, WasmInstance instance) {
    if (instance.hasExport("_initialize")) {
      instance.call("_initialize");
      module.exportedFunction("main").ifPresent(main -> callMain(instance, main));
    } else if (instance.hasExport("_start")) {
      try {
        instance.call("_start");
      } catch (WasmExitException e) {
        // A command (TinyGo) may end _start with proc_exit(0): a normal return, not a failure.
        if (e.exitCode() != 0) {
          throw e;
        }
      }
    }
  }

  private static void callMain(WasmInstance instance, FunctionSignature main) {
    if (main.params().size() == 2) {
      instance.call("main", 0, 0);
    } else if (main.params().isEmpty()) {
      instance.call("main");
    }
  }

  private static void startRootContext(ProxyWasmVm vm) throws PluginLoadException {
    int root = vm.createRootContextId();
    String plugin = "plugin " + vm.spec().name() + ": ";
    vm.callback(root, "proxy_on_context_create", root, 0);
    if (returnedFalse(
        vm.callback(root, "proxy_on_vm_start", root, vm.spec().vmConfiguration().length))) {
      throw new PluginLoadException(plugin + "proxy_on_vm_start returned false");
    }
    if (returnedFalse(
        vm.callback(root, "proxy_on_configure", root, vm.spec().configuration().length))) {
      throw new PluginLoadException(plugin + "proxy_on_configure returned false");
    }
  }

  /** Absent callbacks (null) count as success. */
  private static boolean returnedFalse(long[] results) {
    return results != null && results.length > 0 && results[0] == 0;
  }
}
