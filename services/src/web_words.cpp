// How dates, times and stored codes read on pages: "3 April 2012", "3 April 2012 at 9:30am" (UK
// time), "Mental ill health".

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

#include "ycr/services/web.h"

namespace ycr::services::web {

std::string humanDate(const Date& date) {
  static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
  unsigned m = static_cast<unsigned>(date.month());
  return std::to_string(static_cast<unsigned>(date.day())) + " " + (m >= 1 && m <= 12 ? months[m - 1] : "") +
         " " + std::to_string(static_cast<int>(date.year()));
}

std::string humanTimestamp(const Timestamp& at) {
  Date day = ukLocalDate(at);
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(at - ukStartOfDay(day)).count();
  long long hour = minutes / 60, minute = minutes % 60;
  std::string clock = std::to_string(hour % 12 == 0 ? 12 : hour % 12);
  if (minute) clock += (minute < 10 ? ":0" : ":") + std::to_string(minute);
  clock += hour < 12 ? "am" : "pm";
  return humanDate(day) + " at " + clock;
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

}  // namespace ycr::services::web
