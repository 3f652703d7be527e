#include <chrono>

#include "ycr/core/statistics_repository.h"

namespace ycr {

int monthIndex(const Date& d) {
  return static_cast<int>(d.year()) * 12 + static_cast<int>(static_cast<unsigned>(d.month())) - 1;
}

Date monthStart(int month) {
  return std::chrono::year(month / 12) / std::chrono::month(static_cast<unsigned>(month % 12 + 1)) /
         std::chrono::day(1);
}

Date monthEnd(int month) {
  return std::chrono::year(month / 12) / std::chrono::month(static_cast<unsigned>(month % 12 + 1)) /
         std::chrono::last;
}

std::string monthLabel(int month) {
  const int m = month % 12 + 1;
  return std::to_string(month / 12) + (m < 10 ? "-0" : "-") + std::to_string(m);
}

std::string quarterLabel(int month) {
  return std::to_string(month / 12) + "-Q" + std::to_string(month % 12 / 3 + 1);
}

}  // namespace ycr
