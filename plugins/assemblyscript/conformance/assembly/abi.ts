// Host functions Solo's proxy-runtime 0.1.8 does not declare (or declares under the wrong import
// name), called directly, plus small readers for host-allocated results.

// @ts-ignore: decorator
@external("env", "proxy_set_buffer_bytes")
export declare function proxy_set_buffer_bytes(typ: i32, start: u32, length: u32, data: usize, size: usize): u32;
// @ts-ignore: decorator
@external("env", "proxy_get_log_level")
export declare function proxy_get_log_level(level: usize): u32;

/** Out-parameters the host writes: a pointer (host-allocated data), a size and a 64-bit value. */
export class Out {
  data: usize;
  size: usize;
  value: u64;
  dataPtr(): usize { return changetype<usize>(this) + offsetof<Out>("data"); }
  sizePtr(): usize { return changetype<usize>(this) + offsetof<Out>("size"); }
  valuePtr(): usize { return changetype<usize>(this) + offsetof<Out>("value"); }
  text(): string {
    return this.size == 0 ? "" : String.UTF8.decodeUnsafe(this.data, this.size);
  }
}

/** Proxy-Wasm's pair encoding: count, (key size, value size)*, then NUL-terminated keys/values. */
export function encodePairs(keys: string[], values: string[]): ArrayBuffer {
  let size = 4;
  for (let i = 0; i < keys.length; i++) {
    size += 8 + String.UTF8.byteLength(keys[i]) + 1 + String.UTF8.byteLength(values[i]) + 1;
  }
  let out = new ArrayBuffer(size);
  let base = changetype<usize>(out);
  store<u32>(base, keys.length);
  let at = base + 4 + 8 * keys.length;
  for (let i = 0; i < keys.length; i++) {
    let k = String.UTF8.encode(keys[i], true);
    let v = String.UTF8.encode(values[i], true);
    store<u32>(base + 4 + 8 * i, k.byteLength - 1);
    store<u32>(base + 8 + 8 * i, v.byteLength - 1);
    memory.copy(at, changetype<usize>(k), k.byteLength);
    at += k.byteLength;
    memory.copy(at, changetype<usize>(v), v.byteLength);
    at += v.byteLength;
  }
  return out;
}
