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

}  // namespace ycr::services::web
