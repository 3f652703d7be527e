#include "ycr/services/text.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace ycr::services {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string humanise(std::string_view code) {
  // Codes are lower case, so the few words written otherwise are put back: "gp_practice" is "GP practice".
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"gp", "GP"}, {"id", "ID"}, {"nhs", "NHS"}, {"childrens", "children's"}};
  std::string out;
  std::size_t start = 0;
  while (start <= code.size()) {
    const std::size_t end = std::min(code.find('_', start), code.size());
    std::string_view word = code.substr(start, end - start);
    for (const auto& [stored, written] : kWords)
      if (word == stored) word = written;
    if (!out.empty()) out += ' ';
    out += word;
    start = end + 1;
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

std::string randomToken() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return hex(bytes, sizeof bytes);
}

}  // namespace ycr::services
