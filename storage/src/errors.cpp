#include "ycr/storage/errors.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/SQLiteException.h>

namespace ycr::storage {

bool isUnavailable(const std::exception& e) {
  using namespace Poco::Data::SQLite;
  // Poco::Data::SQLite::Utility::throwException's classes for SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY,
  // SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY, SQLITE_CANTOPEN and SQLITE_PROTOCOL.
  return dynamic_cast<const DatabaseFullException*>(&e) || dynamic_cast<const IOErrorException*>(&e) ||
         dynamic_cast<const DBLockedException*>(&e) || dynamic_cast<const TableLockedException*>(&e) ||
         dynamic_cast<const NoMemoryException*>(&e) || dynamic_cast<const ReadOnlyException*>(&e) ||
         dynamic_cast<const CantOpenDBFileException*>(&e) || dynamic_cast<const LockProtocolException*>(&e) ||
         // A pooled connection that could not be opened (its first read of the schema failed): the
         // database cannot serve now, as with the classes above.
         dynamic_cast<const Poco::Data::ConnectionFailedException*>(&e);
}

}  // namespace ycr::storage
