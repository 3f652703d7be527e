// Dates in every form the register accepts: strict ISO dates and RFC 3339 timestamps (core/time),
// a date of birth as validated (core/validation), the forms spreadsheets use (matching
// parseFlexibleDate: 2012-04-03, 3/4/2012, 03.04.2012, 20120403), and the web pages' day, month
// and year boxes (readDateInput). Input: the text, also split at newlines into the three boxes.
#include <chrono>

#include "fuzz_support.h"
#include "ycr/core/matching/normalise.h"
#include "ycr/core/time.h"
#include "ycr/core/validation.h"
#include "ycr/services/web.h"

using namespace ycr;
using namespace std::chrono;
namespace web = ycr::services::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);

  // Strict ISO: one spelling per date, so formatting gives back exactly the input.
  if (auto d = parseIsoDate(in)) {
    FUZZ_CHECK(d->ok(), input);
    FUZZ_CHECK(formatIsoDate(*d) == in, input + " -> " + formatIsoDate(*d));
    // The UK day starts at local midnight and is that day in England.
    FUZZ_CHECK(ukLocalDate(ukStartOfDay(*d)) == *d, input);
    FUZZ_CHECK(ageOn(*d, *d) == 0, input);
    FUZZ_CHECK(addMonths(*d, 1).ok() && addDays(*d, 1).ok(), input);
  }

  // Timestamps: whatever is accepted formats to a timestamp that reads back as the same instant.
  if (auto t = parseIsoTimestamp(in)) {
    const std::string formatted = formatIsoTimestamp(*t);
    auto back = parseIsoTimestamp(formatted);
    FUZZ_CHECK(back && *back == *t, input + " -> " + formatted);
    FUZZ_CHECK(!web::humanTimestamp(*t).empty(), input);
  }

  // Spreadsheet dates: a real date, which reads back from its ISO form, and agrees with the strict
  // reader on ISO input.
  if (auto d = matching::parseFlexibleDate(in)) {
    FUZZ_CHECK(d->ok(), input);
    const std::string iso = formatIsoDate(*d);
    FUZZ_CHECK(matching::parseFlexibleDate(iso) == d, input + " -> " + iso);
    if (auto strict = parseIsoDate(in)) FUZZ_CHECK(*strict == *d, input);
  }

  // A date of birth: real, not in the future, not before 1900; its age on the day is sensible.
  const Date today{2024y / March / 1d};
  if (auto dob = validation::dateOfBirth("date_of_birth", in, today)) {
    FUZZ_CHECK(sys_days(*dob) <= sys_days(today) && static_cast<int>(dob->year()) >= 1900, input);
    const int age = ageOn(*dob, today);
    FUZZ_CHECK(age >= 0 && age <= 124, input);
    FUZZ_CHECK(dateOfReachingAge(*dob, age).ok(), input);
  } else {
    FUZZ_CHECK(!dob.error().fields.empty() && dob.error().fields[0].field == "date_of_birth", input);
  }

  // The pages' date boxes: either an ISO date the strict reader accepts, or an error for the field.
  std::string_view rest = in;
  web::Form form;
  form.set("dob-day", std::string(fuzz::take(rest, "\n")));
  form.set("dob-month", std::string(fuzz::take(rest, "\n")));
  form.set("dob-year", std::string(rest));
  web::PageErrors errors;
  auto boxes = web::readDateInput(form, "dob", "Date of birth", errors);
  if (boxes) {
    FUZZ_CHECK(errors.empty(), input);
    auto d = parseIsoDate(*boxes);
    FUZZ_CHECK(d.has_value(), input + " -> " + *boxes);
    FUZZ_CHECK(!web::humanDate(*d).empty(), input);
  } else {
    FUZZ_CHECK(errors.all().size() == 1 && errors.all()[0].fieldId == "dob", input);
  }
  return 0;
}
