#pragma once
// Text every layer writes the same way: HTML escaping (the pages, the subject access document),
// stored codes as words ("gp_practice" is "GP practice") and random tokens.

#include <cstddef>
#include <string>
#include <string_view>

namespace ycr::services {

// Escapes text for HTML content and quoted attribute values (& < > " ').
std::string escape(std::string_view text);
// "awaiting_assessment" -> "Awaiting assessment".
std::string humanise(std::string_view code);
// Bytes as lower-case hex.
std::string hex(const unsigned char* data, std::size_t size);
std::string randomToken();  // 256 bits from libsodium, hex

}  // namespace ycr::services
