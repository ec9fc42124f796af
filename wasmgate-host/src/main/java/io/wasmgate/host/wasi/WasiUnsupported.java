package io.wasmgate.host.wasi;

import java.util.List;

/**
 * The rest of preview1: a plugin has no files, directories or sockets. Descriptor calls answer
 * BADF, path lookups NOENT (as Envoy does for path_open), everything else NOSYS.
 */
final class WasiUnsupported {
  private WasiUnsupported() {}

  static List<WasiFunction> all() {
    return List.of(
        WasiFunction.refusing("fd_advise", "iIIi", Errno.BADF),
        WasiFunction.refusing("fd_allocate", "iII", Errno.BADF),
        WasiFunction.refusing("fd_close", "i", Errno.BADF),
        WasiFunction.refusing("fd_datasync", "i", Errno.BADF),
        WasiFunction.refusing("fd_fdstat_set_flags", "ii", Errno.NOSYS),
        WasiFunction.refusing("fd_fdstat_set_rights", "iII", Errno.NOSYS),
        WasiFunction.refusing("fd_filestat_get", "ii", Errno.BADF),
        WasiFunction.refusing("fd_filestat_set_size", "iI", Errno.BADF),
        WasiFunction.refusing("fd_filestat_set_times", "iIIi", Errno.BADF),
        WasiFunction.refusing("fd_pread", "iiiIi", Errno.BADF),
        WasiFunction.refusing("fd_pwrite", "iiiIi", Errno.BADF),
        WasiFunction.refusing("fd_readdir", "iiiIi", Errno.BADF),
        WasiFunction.refusing("fd_renumber", "ii", Errno.BADF),
        WasiFunction.refusing("fd_seek", "iIii", Errno.BADF),
        WasiFunction.refusing("fd_sync", "i", Errno.BADF),
        WasiFunction.refusing("fd_tell", "ii", Errno.BADF),
        WasiFunction.refusing("path_open", "iiiiiIIii", Errno.NOENT),
        WasiFunction.refusing("path_filestat_get", "iiiii", Errno.NOENT),
        WasiFunction.refusing("path_create_directory", "iii", Errno.NOSYS),
        WasiFunction.refusing("path_filestat_set_times", "iiiiIIi", Errno.NOSYS),
        WasiFunction.refusing("path_link", "iiiiiii", Errno.NOSYS),
        WasiFunction.refusing("path_readlink", "iiiiii", Errno.NOSYS),
        WasiFunction.refusing("path_remove_directory", "iii", Errno.NOSYS),
        WasiFunction.refusing("path_rename", "iiiiii", Errno.NOSYS),
        WasiFunction.refusing("path_symlink", "iiiii", Errno.NOSYS),
        WasiFunction.refusing("path_unlink_file", "iii", Errno.NOSYS),
        WasiFunction.refusing("sock_accept", "iii", Errno.NOSYS),
        WasiFunction.refusing("sock_recv", "iiiiii", Errno.NOSYS),
        WasiFunction.refusing("sock_send", "iiiii", Errno.NOSYS),
        WasiFunction.refusing("sock_shutdown", "ii", Errno.NOSYS));
  }
}
