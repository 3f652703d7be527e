#pragma once
// Files for the tests: a fresh directory under the system's temporary one for one test (made by mkdtemp,
// so tests run in parallel never share one), removed with everything in it when the test ends; and a
// whole file read back.

#include <stdlib.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace ycr::test_support {

struct TempDir {
  std::filesystem::path path;

  // `name` tells a left-behind directory's test: ycr-NAME-XXXXXX.
  explicit TempDir(const std::string& name) {
    std::string templ = (std::filesystem::temp_directory_path() / ("ycr-" + name + "-XXXXXX")).string();
    BOOST_REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path = templ;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `content` to the file `name` in the directory; returns the file's path.
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
    return (path / name).string();
  }
};

inline std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace ycr::test_support
