#include "ycr/core/survey.h"

#include <charconv>

namespace ycr {
namespace {

int firstYear(std::string_view financialYear) {
  int y = 0;
  std::from_chars(financialYear.data(), financialYear.data() + 4, y);
  return y;
}

}  // namespace

Status validate(const Survey& survey) {
  FieldErrors errors;
  const auto& q = survey.questions;
  if (q.items.empty()) errors.add("items", "required", "A survey needs at least one question");
  if (survey.when.empty()) errors.add("when", "required", "A survey needs at least one occasion");
  for (std::size_t i = 0; i < survey.when.size(); ++i) {
    const auto& w = survey.when[i];
    const std::string at = "when[" + std::to_string(i) + "]";
    if (w.afterDays < 0 || w.afterDays > 3 * 366)
      errors.add(at + ".after_days", "out_of_range", "after_days must be 0 to 1098");
    if (w.withinDays < 1 || w.withinDays > 366)
      errors.add(at + ".within_days", "out_of_range", "within_days must be 1 to 366");
  }
  if (survey.linkValidDays < 1 || survey.linkValidDays > 90)
    errors.add("link_valid_days", "out_of_range", "link_valid_days must be 1 to 90");
  if (!q.scale.empty() && (survey.agreeFrom < q.minScaleValue() || survey.agreeFrom > q.maxScaleValue()))
    errors.add("agree_from", "out_of_range", "agree_from must be a value on the scale");
  if (!errors.empty()) return errors.toError("The survey data is not usable");
  return {};
}

std::string financialYearOf(const Date& day) {
  const int y = static_cast<int>(day.year());
  const int first = static_cast<unsigned>(day.month()) >= 4 ? y : y - 1;
  return yearSpanning(first);
}

bool isFinancialYear(std::string_view text) {
  if (text.size() != 7 || text[4] != '/') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (text[i] < '0' || text[i] > '9') return false;
  const int first = firstYear(text);
  return first >= 1900 && text == yearSpanning(first);
}

Date financialYearStart(std::string_view financialYear) {
  return Date{std::chrono::year{firstYear(financialYear)}, std::chrono::April, std::chrono::day{1}};
}

Date financialYearEnd(std::string_view financialYear) {
  return Date{std::chrono::year{firstYear(financialYear) + 1}, std::chrono::March, std::chrono::day{31}};
}

}  // namespace ycr
