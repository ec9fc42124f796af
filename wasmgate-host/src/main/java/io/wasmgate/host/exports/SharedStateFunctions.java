package io.wasmgate.host.exports;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.SharedData;
import io.wasmgate.host.SharedQueues;
import io.wasmgate.runtime.HostFunctionSpec;
import java.util.List;

/**
 * Timers, shared data and shared queues: the state a plugin keeps outside its streams. Data and
 * queues are scoped by the caller's vm_id, as in Envoy; they answer UNIMPLEMENTED when the gateway
 * offers no store, and the tick period when the VM has no worker.
 */
public final class SharedStateFunctions {
  private SharedStateFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_set_tick_period_milliseconds", "i", SharedStateFunctions::tick),
        ProxyFunction.env("proxy_get_shared_data", "iiiii", SharedStateFunctions::getData),
        ProxyFunction.env("proxy_set_shared_data", "iiiii", SharedStateFunctions::setData),
        ProxyFunction.env("proxy_register_shared_queue", "iii", SharedStateFunctions::register),
        ProxyFunction.env("proxy_resolve_shared_queue", "iiiii", SharedStateFunctions::resolve),
        ProxyFunction.env("proxy_enqueue_shared_queue", "iii", SharedStateFunctions::enqueue),
        ProxyFunction.env("proxy_dequeue_shared_queue", "iii", SharedStateFunctions::dequeue));
  }

  private static ProxyStatus tick(HostCall call, long[] args) {
    return call.vm().setTickPeriod(u32(args[0])) ? ProxyStatus.OK : ProxyStatus.UNIMPLEMENTED;
  }

  private static ProxyStatus getData(HostCall call, long[] args) {
    String key = call.readString(args[0], args[1]);
    SharedData.Entry entry = data(call).get(vmId(call), key);
    if (entry == null) {
      return ProxyStatus.NOT_FOUND;
    }
    call.returnBytes(args[2], args[3], entry.value());
    call.memory().writeU32(u32(args[4]), u32(entry.cas()));
    return ProxyStatus.OK;
  }

  private static ProxyStatus setData(HostCall call, long[] args) {
    String key = call.readString(args[0], args[1]);
    byte[] value = call.read(args[2], args[3]);
    return data(call).set(vmId(call), key, value, (int) args[4])
        ? ProxyStatus.OK
        : ProxyStatus.CAS_MISMATCH;
  }

  private static ProxyStatus register(HostCall call, long[] args) {
    String name = call.readString(args[0], args[1]);
    int id = queues(call).register(vmId(call), name, call.vm().queueListener());
    call.memory().writeU32(u32(args[2]), u32(id));
    return ProxyStatus.OK;
  }

  private static ProxyStatus resolve(HostCall call, long[] args) {
    String vmId = call.readString(args[0], args[1]);
    String name = call.readString(args[2], args[3]);
    int id = queues(call).resolve(vmId, name);
    if (id == 0) {
      return ProxyStatus.NOT_FOUND;
    }
    call.memory().writeU32(u32(args[4]), u32(id));
    return ProxyStatus.OK;
  }

  private static ProxyStatus enqueue(HostCall call, long[] args) {
    byte[] data = call.read(args[1], args[2]);
    return queues(call).enqueue((int) args[0], data) ? ProxyStatus.OK : ProxyStatus.NOT_FOUND;
  }

  private static ProxyStatus dequeue(HostCall call, long[] args) {
    SharedQueues.Dequeued result = queues(call).dequeue((int) args[0]);
    if (result instanceof SharedQueues.Item item) {
      call.returnBytes(args[1], args[2], item.data());
      return ProxyStatus.OK;
    }
    return result == SharedQueues.Missing.EMPTY ? ProxyStatus.EMPTY : ProxyStatus.NOT_FOUND;
  }

  private static String vmId(HostCall call) {
    return call.vm().spec().vmId();
  }

  private static SharedData data(HostCall call) {
    SharedData data = call.vm().services().sharedData();
    if (data == null) {
      throw new StatusException(ProxyStatus.UNIMPLEMENTED);
    }
    return data;
  }

  private static SharedQueues queues(HostCall call) {
    SharedQueues queues = call.vm().services().sharedQueues();
    if (queues == null) {
      throw new StatusException(ProxyStatus.UNIMPLEMENTED);
    }
    return queues;
  }
}
