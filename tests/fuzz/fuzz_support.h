// What the fuzz targets share: the input as text, and a check that stops the run with a message
// (libFuzzer then saves the input as a crash), so a target states properties, not just survival.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace ycr::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fail(const char* file, int line, const char* condition, const std::string& detail) {
  std::fprintf(stderr, "\n== fuzz property failed at %s:%d: %s\n   %s\n", file, line, condition,
               detail.c_str());
  std::abort();
}

// Splits the input at the first occurrence of a separator byte sequence: the part before, and the
// rest after it (everything in `head` when there is none).
inline std::string_view take(std::string_view& rest, std::string_view separator) {
  auto at = rest.find(separator);
  if (at == std::string_view::npos) {
    auto all = rest;
    rest = {};
    return all;
  }
  auto head = rest.substr(0, at);
  rest.remove_prefix(at + separator.size());
  return head;
}

}  // namespace ycr::fuzz

#define FUZZ_CHECK(condition, detail)                                              \
  do {                                                                             \
    if (!(condition)) ::ycr::fuzz::fail(__FILE__, __LINE__, #condition, (detail)); \
  } while (0)
