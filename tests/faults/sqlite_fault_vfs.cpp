#include "sqlite_fault_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace ycr::test_faults {

namespace {

struct Window {
  std::atomic<std::uint64_t> from{0};  // 0: not armed
  std::atomic<std::uint64_t> to{0};    // exclusive
  std::atomic<bool> diskFull{false};
};

std::array<std::atomic<std::uint64_t>, kOps> gCounts{};
std::array<Window, kOps> gWindows{};
std::atomic<bool> gEnabled{true};
std::atomic<std::uint64_t> gInjected{0};

sqlite3_vfs* gBase = nullptr;
sqlite3_vfs gVfs{};

// Counts one operation of the kind; its error code when it is to fail, otherwise SQLITE_OK.
int tick(Op op) {
  const auto i = static_cast<std::size_t>(op);
  const std::uint64_t n = gCounts[i].fetch_add(1) + 1;
  const std::uint64_t from = gWindows[i].from.load();
  if (from == 0 || !gEnabled.load() || n < from || n >= gWindows[i].to.load()) return SQLITE_OK;
  gInjected.fetch_add(1);
  return FaultVfs::errorFor(op, gWindows[i].diskFull.load());
}

struct File {
  sqlite3_file base;
  sqlite3_file* real;  // the default VFS's file, allocated just after this struct
};

sqlite3_file* real(sqlite3_file* f) {
  return reinterpret_cast<File*>(f)->real;
}

int xClose(sqlite3_file* f) {
  return real(f)->pMethods->xClose(real(f));
}
int xRead(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
  if (int rc = tick(Op::read)) return rc;
  return real(f)->pMethods->xRead(real(f), buf, amt, off);
}
int xWrite(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
  if (int rc = tick(Op::write)) return rc;
  return real(f)->pMethods->xWrite(real(f), buf, amt, off);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = tick(Op::truncate)) return rc;
  return real(f)->pMethods->xTruncate(real(f), size);
}
int xSync(sqlite3_file* f, int flags) {
  if (int rc = tick(Op::sync)) return rc;
  return real(f)->pMethods->xSync(real(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = tick(Op::file_size)) return rc;
  return real(f)->pMethods->xFileSize(real(f), size);
}
int xLock(sqlite3_file* f, int level) {
  if (int rc = tick(Op::lock)) return rc;
  return real(f)->pMethods->xLock(real(f), level);
}
int xUnlock(sqlite3_file* f, int level) {
  return real(f)->pMethods->xUnlock(real(f), level);
}
int xCheckReservedLock(sqlite3_file* f, int* out) {
  return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int xFileControl(sqlite3_file* f, int op, void* arg) {
  return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int xSectorSize(sqlite3_file* f) {
  return real(f)->pMethods->xSectorSize(real(f));
}
int xDeviceCharacteristics(sqlite3_file* f) {
  return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int xShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** p) {
  return real(f)->pMethods->xShmMap(real(f), region, size, extend, p);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
  // Only taking a lock can fail; releasing one must not (SQLite ignores the result and would
  // believe it still held the lock).
  if (!(flags & SQLITE_SHM_UNLOCK))
    if (int rc = tick(Op::shm_lock)) return rc;
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f) {
  real(f)->pMethods->xShmBarrier(real(f));
}
int xShmUnmap(sqlite3_file* f, int deleteFlag) {
  return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}

// Version 2: with no xFetch SQLite does not memory-map the database and reads it with xRead.
const sqlite3_io_methods kMethods = {2,
                                     xClose,
                                     xRead,
                                     xWrite,
                                     xTruncate,
                                     xSync,
                                     xFileSize,
                                     xLock,
                                     xUnlock,
                                     xCheckReservedLock,
                                     xFileControl,
                                     xSectorSize,
                                     xDeviceCharacteristics,
                                     xShmMap,
                                     xShmLock,
                                     xShmBarrier,
                                     xShmUnmap,
                                     nullptr,
                                     nullptr};

int xOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* outFlags) {
  auto* file = reinterpret_cast<File*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  file->base.pMethods = nullptr;
  const int rc = gBase->xOpen(gBase, name, file->real, flags, outFlags);
  if (file->real->pMethods) file->base.pMethods = &kMethods;
  return rc;
}
int xDelete(sqlite3_vfs*, const char* name, int syncDir) {
  return gBase->xDelete(gBase, name, syncDir);
}
int xAccess(sqlite3_vfs*, const char* name, int flags, int* out) {
  return gBase->xAccess(gBase, name, flags, out);
}
int xFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return gBase->xFullPathname(gBase, name, n, out);
}
void* xDlOpen(sqlite3_vfs*, const char* name) {
  return gBase->xDlOpen(gBase, name);
}
void xDlError(sqlite3_vfs*, int n, char* msg) {
  gBase->xDlError(gBase, n, msg);
}
void (*xDlSym(sqlite3_vfs*, void* h, const char* sym))(void) {
  return gBase->xDlSym(gBase, h, sym);
}
void xDlClose(sqlite3_vfs*, void* h) {
  gBase->xDlClose(gBase, h);
}
int xRandomness(sqlite3_vfs*, int n, char* out) {
  return gBase->xRandomness(gBase, n, out);
}
int xSleep(sqlite3_vfs*, int us) {
  return gBase->xSleep(gBase, us);
}
int xCurrentTime(sqlite3_vfs*, double* t) {
  return gBase->xCurrentTime(gBase, t);
}
int xGetLastError(sqlite3_vfs*, int n, char* msg) {
  return gBase->xGetLastError(gBase, n, msg);
}
int xCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t) {
  return gBase->xCurrentTimeInt64(gBase, t);
}
int xSetSystemCall(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr p) {
  return gBase->xSetSystemCall(gBase, name, p);
}
sqlite3_syscall_ptr xGetSystemCall(sqlite3_vfs*, const char* name) {
  return gBase->xGetSystemCall(gBase, name);
}
const char* xNextSystemCall(sqlite3_vfs*, const char* name) {
  return gBase->xNextSystemCall(gBase, name);
}

}  // namespace

const char* toString(Op op) {
  switch (op) {
    case Op::read: return "read";
    case Op::write: return "write";
    case Op::sync: return "sync";
    case Op::lock: return "lock";
    case Op::truncate: return "truncate";
    case Op::file_size: return "file_size";
    case Op::shm_lock: return "shm_lock";
    case Op::count_: break;
  }
  return "?";
}

int FaultVfs::errorFor(Op op, bool diskFull) {
  switch (op) {
    case Op::read: return SQLITE_IOERR_READ;
    case Op::write: return diskFull ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    case Op::sync: return SQLITE_IOERR_FSYNC;
    case Op::lock: return SQLITE_IOERR_LOCK;
    case Op::truncate: return SQLITE_IOERR_TRUNCATE;
    case Op::file_size: return SQLITE_IOERR_FSTAT;
    case Op::shm_lock: return SQLITE_IOERR_SHMLOCK;
    case Op::count_: break;
  }
  return SQLITE_IOERR;
}

FaultVfs& FaultVfs::install() {
  static FaultVfs vfs;
  static const bool registered = [] {
    sqlite3_initialize();
    gBase = sqlite3_vfs_find(nullptr);
    if (!gBase || gBase->iVersion < 3) throw std::runtime_error("no default SQLite VFS of version 3");
    gVfs.iVersion = 3;
    gVfs.szOsFile = static_cast<int>(sizeof(File)) + gBase->szOsFile;
    gVfs.mxPathname = gBase->mxPathname;
    gVfs.zName = "ycr-fault";
    gVfs.xOpen = xOpen;
    gVfs.xDelete = xDelete;
    gVfs.xAccess = xAccess;
    gVfs.xFullPathname = xFullPathname;
    gVfs.xDlOpen = xDlOpen;
    gVfs.xDlError = xDlError;
    gVfs.xDlSym = xDlSym;
    gVfs.xDlClose = xDlClose;
    gVfs.xRandomness = xRandomness;
    gVfs.xSleep = xSleep;
    gVfs.xCurrentTime = xCurrentTime;
    gVfs.xGetLastError = xGetLastError;
    gVfs.xCurrentTimeInt64 = xCurrentTimeInt64;
    gVfs.xSetSystemCall = xSetSystemCall;
    gVfs.xGetSystemCall = xGetSystemCall;
    gVfs.xNextSystemCall = xNextSystemCall;
    if (sqlite3_vfs_register(&gVfs, 1) != SQLITE_OK)
      throw std::runtime_error("cannot register the fault VFS");
    return true;
  }();
  (void)registered;
  return vfs;
}

void FaultVfs::reset() {
  disarm();
  for (auto& c : gCounts) c.store(0);
  gInjected.store(0);
  gEnabled.store(true);
}

OpCounts FaultVfs::counts() const {
  OpCounts out;
  for (std::size_t i = 0; i < kOps; ++i) out.ops[i] = gCounts[i].load();
  return out;
}

std::uint64_t FaultVfs::injected() const {
  return gInjected.load();
}

void FaultVfs::arm(Op op, std::uint64_t nth, std::uint64_t window, bool diskFull) {
  auto& w = gWindows[static_cast<std::size_t>(op)];
  w.from.store(0);  // disarmed while changing
  w.diskFull.store(diskFull);
  w.to.store(window == 0 ? std::numeric_limits<std::uint64_t>::max() : nth + window);
  w.from.store(nth == 0 ? 1 : nth);
}

void FaultVfs::disarm() {
  for (auto& w : gWindows) w.from.store(0);
}

void FaultVfs::setEnabled(bool on) {
  gEnabled.store(on);
}

}  // namespace ycr::test_faults
