import CLibArchive
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Streams a large file through SHA-256 on a second thread while the caller writes the same
/// chunks, so hashing overlaps reading and writing (one pass over the data, two cores).
///
/// Two 1 MiB buffers alternate: while the hash thread reads one, the caller fills and
/// writes the other. Memory stays at two chunks whatever the file's size.
enum PipelinedHasher {
  /// Reads `path` (which must hold exactly `size` bytes), passing each chunk to `write`;
  /// returns the hexadecimal SHA-256.
  static func stream(
    _ path: String, size: Int64, write: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw PackagingError(.io, "cannot open: \(String(cString: strerror(errno)))", file: path)
    }
    defer { close(fd) }
    _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
    let state = BackgroundHasher(label: "casefile.bag.hash")
    // The loop hands out pointers into the hasher's buffers: keep it alive until the end,
    // on every path (its deinit waits for the hash thread, then frees them).
    defer { withExtendedLifetime(state) {} }
    var total: Int64 = 0
    var turn = 0
    while true {
      let index = turn & 1
      state.waitUntilFree(index)
      let buffer = state.buffers[index]
      let count = read(fd, buffer.baseAddress, buffer.count)
      if count < 0 {
        if errno == EINTR { continue }
        throw PackagingError(.io, "cannot read: \(String(cString: strerror(errno)))", file: path)
      }
      if count == 0 { break }
      total += Int64(count)
      if total > size { break }
      state.hash(index, count: count)
      try write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
      turn += 1
    }
    if total != size {
      throw PackagingError(.io, "the file changed size while it was bagged", file: path)
    }
    return state.finalize()
  }
}
