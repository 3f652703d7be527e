#pragma once
// Which failures of the database layer mean "the database cannot serve now" rather than a bug: the
// disk or file system full, an I/O error, the database locked past the busy timeout, out of memory,
// read-only or impossible to open. Storage turns them into DomainError::unavailable where it returns
// a Status; where one escapes a repository as an exception, the service's edge asks this and answers
// 503 (unavailable, try again) rather than 500 (a bug).

#include <exception>

namespace ycr::storage {

bool isUnavailable(const std::exception& e);

}  // namespace ycr::storage
