#pragma once
// A test-only SQLite VFS that wraps the default one and can make chosen file operations fail, to
// see what the product does when the disk does. Registered as the default VFS, so every connection
// the product opens (main database, write-ahead log, rollback journal, temporary files) goes
// through it unchanged. Operations are counted per kind across all files and all connections;
// a fault is armed by kind as a window of operation numbers: the Nth operation of that kind, or
// the Nth and the next W-1 (a disk broken for a while), fails with the kind's error code.
//
// The wrapper offers version 2 of the file methods: no xFetch, so SQLite reads pages with xRead
// rather than through a memory map (a mapped read cannot fail other than by a signal), and every
// read is a fault point.

#include <array>
#include <cstdint>
#include <string>

namespace ycr::test_faults {

enum class Op { read, write, sync, lock, truncate, file_size, shm_lock, count_ };
inline constexpr std::size_t kOps = static_cast<std::size_t>(Op::count_);
const char* toString(Op op);

struct OpCounts {
  std::array<std::uint64_t, kOps> ops{};
  std::uint64_t operator[](Op op) const { return ops[static_cast<std::size_t>(op)]; }
};

class FaultVfs {
 public:
  // Registers the wrapper as the default VFS (once per process); later calls return the same one.
  static FaultVfs& install();

  // Counting starts again from zero and every fault is disarmed.
  void reset();
  OpCounts counts() const;
  // How many operations have been failed since the last reset.
  std::uint64_t injected() const;

  // The operations of `op` numbered [nth, nth + window) since the last reset fail: with
  // SQLITE_FULL for writes when `diskFull`, otherwise the kind's SQLITE_IOERR_* code.
  // window 0 means "from nth until disarmed".
  void arm(Op op, std::uint64_t nth, std::uint64_t window = 1, bool diskFull = false);
  void disarm();             // every kind; counting goes on
  void setEnabled(bool on);  // off: nothing fails (counting goes on), armed windows kept

  // The result code an operation of this kind fails with.
  static int errorFor(Op op, bool diskFull);
};

}  // namespace ycr::test_faults
