package io.wasmgate.host.wasi;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.abi.LogLevel;
import io.wasmgate.host.exports.HostCall;
import io.wasmgate.host.exports.LogFunctions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The file descriptors a plugin has: stdout (wasm log info) and stderr (wasm log error). */
final class WasiOutput {
  private static final int STDOUT = 1;
  private static final int STDERR = 2;
  private static final int FILETYPE_CHARACTER_DEVICE = 2;
  private static final long RIGHT_FD_WRITE = 1L << 6;

  private WasiOutput() {}

  static List<WasiFunction> all() {
    return List.of(
        WasiFunction.of("fd_write", "iiii", WasiOutput::write),
        WasiFunction.refusing("fd_read", "iiii", Errno.NOSYS),
        WasiFunction.of("fd_fdstat_get", "ii", WasiOutput::fdstat),
        // No preopened directories: the guest sees no file system at all.
        WasiFunction.refusing("fd_prestat_get", "ii", Errno.BADF),
        WasiFunction.refusing("fd_prestat_dir_name", "iii", Errno.BADF));
  }

  private static int write(HostCall call, long[] args) {
    int fd = (int) args[0];
    if (fd != STDOUT && fd != STDERR) {
      return Errno.BADF;
    }
    byte[] data = gather(call, u32(args[1]), u32(args[2]));
    String text = new String(data, StandardCharsets.UTF_8);
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    LogFunctions.log(call.vm().spec(), fd == STDOUT ? LogLevel.INFO : LogLevel.ERROR, text);
    call.memory().writeU32(u32(args[3]), data.length);
    return Errno.SUCCESS;
  }

  /** Concatenates an array of iovec {u32 buf, u32 len}. */
  private static byte[] gather(HostCall call, long iovs, long count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = 0; i < count; i++) {
      long buffer = call.memory().readU32(iovs + i * 8);
      long length = call.memory().readU32(iovs + i * 8 + 4);
      out.writeBytes(call.read(buffer, length));
    }
    return out.toByteArray();
  }

  /** fdstat {u8 filetype, u16 flags, u64 rights_base, u64 rights_inheriting}, 24 bytes. */
  private static int fdstat(HostCall call, long[] args) {
    int fd = (int) args[0];
    if (fd != STDOUT && fd != STDERR) {
      return Errno.BADF;
    }
    long address = u32(args[1]);
    call.memory().write(address, new byte[24]);
    call.memory().writeU8(address, FILETYPE_CHARACTER_DEVICE);
    call.memory().writeU64(address + 8, RIGHT_FD_WRITE);
    return Errno.SUCCESS;
  }
}
