#include "demo_activities.h"

#include <chrono>

#include "demo_random.h"
#include "ycr/core/statistics_repository.h"

namespace ycr::services::demo {
namespace {

using std::chrono::Saturday;
using std::chrono::Tuesday;
using std::chrono::Wednesday;

Timestamp at(const Date& day, int hour, int minutes = 0) {
  return ukStartOfDay(day) + std::chrono::hours(hour) + std::chrono::minutes(minutes);
}
// The n-th `weekday` (from 1) of the month whose first day is `first`.
Date nth(const Date& first, std::chrono::weekday weekday, unsigned n) {
  return Date{std::chrono::year_month_weekday{first.year() / first.month() / weekday[n]}};
}
template <class T>
const T& cycle(const std::vector<T>& items, int month) {
  return items[static_cast<std::size_t>(month) % items.size()];
}

const std::string kCentre = "Young carers centre, Leicester";
const std::string kDayConsent =
    "A parent's consent form for the day, with medical details and a contact number";
const std::vector<std::string> kGroupThemes = {"Games and pizza", "Cooking together",     "Arts and crafts",
                                               "Film night",      "Talking about caring", "Sports hall"};
const std::vector<std::string> kShortBreaks = {"Climbing wall",    "Bowling and tea", "Swimming and lunch",
                                               "Cinema and pizza", "Trampoline park", "Pottery painting",
                                               "Laser tag",        "Go-karting"};
const std::vector<std::pair<std::string, std::string>> kTrips = {{"Twycross Zoo", "Twycross Zoo"},
                                                                 {"Skegness beach", "Skegness"},
                                                                 {"National Space Centre", "Leicester"},
                                                                 {"Conkers discovery centre", "Moira"},
                                                                 {"Drayton Manor", "Tamworth"}};
const std::vector<std::string> kResidentials = {"Beaumanor Hall", "Rutland Water outdoor centre",
                                                "Quorn outdoor centre"};
const std::vector<std::string> kCancelled = {"Unwell",
                                             "Mum was in hospital that day",
                                             "Needed at home",
                                             "Nobody to look after a younger brother",
                                             "Transport fell through",
                                             "A school event the same day"};

}  // namespace

std::vector<ActivityProgramme::Planned> ActivityProgramme::programme(const Date& first) const {
  const int m = monthIndex(first);
  const unsigned month = static_cast<unsigned>(first.month());
  const Date tuesday = nth(first, Tuesday, 2), saturday = nth(first, Saturday, 3);
  std::vector<Planned> out = {
      {ActivityKind::group, "Young carers group: " + cycle(kGroupThemes, m), kCentre, "", tuesday, tuesday,
       20},
      {ActivityKind::short_break, "Short break: " + cycle(kShortBreaks, m), kCentre, kDayConsent, saturday,
       saturday, 12},
  };
  // Trips in the school holidays: February and October half terms, Easter, the summer, Christmas.
  const std::map<unsigned, unsigned> holidayWeek = {{2, 3}, {4, 2}, {7, 4}, {8, 2}, {10, 4}, {12, 3}};
  if (auto week = holidayWeek.find(month); week != holidayWeek.end()) {
    const auto& [title, venue] = cycle(kTrips, m);
    const Date day = nth(first, Wednesday, week->second);
    out.push_back({ActivityKind::trip, "Trip: " + title, venue, kDayConsent, day, day, 16});
  }
  // A residential weekend in August, Friday to Sunday.
  if (month == 8) {
    const Date friday = nth(first, std::chrono::Friday, 3);
    out.push_back({ActivityKind::residential, "Residential weekend: " + cycle(kResidentials, m),
                   cycle(kResidentials, m),
                   "A parent's consent form for two nights away, with medical details and medication", friday,
                   addDays(friday, 2), 14});
  }
  return out;
}

Result<Id> ActivityProgramme::placeOn(Sink& out, const Planned& planned, int month, std::size_t index) {
  auto& runs = runs_[{month, index}];
  for (auto& run : runs)
    if (run.free > 0) {
      --run.free;
      return run.id;
    }
  Activity a;
  a.organisationId = organisationId_;
  a.kind = planned.kind;
  a.title = runs.empty() ? planned.title : planned.title + " (" + std::to_string(runs.size() + 1) + ")";
  a.startsOn = planned.starts;
  a.endsOn = planned.ends;
  a.venue = planned.venue;
  a.capacity = planned.capacity;
  a.consentNote = planned.consent;
  if (planned.kind != ActivityKind::group)
    a.transportNote = "Minibus from the centre and back; lifts home if needed";
  a.createdAt = at(addDays(planned.starts, -42), 10);
  // Finalised a few days after it ends, once that day has come.
  const Date finalisedOn = addDays(planned.ends, 3);
  if (before(finalisedOn, until_)) a.finalisedAt = at(finalisedOn, 16);
  auto id = out.activity(a);
  if (!id) return id.error();
  ++activities_;
  runs.push_back({*id, planned.capacity - 1});
  return *id;
}

Result<long long> ActivityProgramme::placesFor(Sink& out, Id youngCarerId,
                                               const std::vector<SupportedSpan>& spans) {
  long long written = 0;
  for (const auto& span : spans) {
    // The span's last day; while the case is open, what is coming up in the next five weeks too.
    const Date last = span.until ? addDays(*span.until, -1) : addDays(until_, 35);
    for (int m = monthIndex(span.from); m <= monthIndex(last); ++m) {
      const auto planned = programme(monthStart(m));
      // The month's group, and one of its breaks; likelier when the plan has them.
      std::vector<std::size_t> chosen;
      if (chance(rng_, span.groups ? 0.5 : 0.15)) chosen.push_back(0);
      if (chance(rng_, span.breaks ? 0.6 : 0.3))
        chosen.push_back(static_cast<std::size_t>(between(rng_, 1, static_cast<int>(planned.size()) - 1)));
      for (std::size_t i : chosen) {
        const Planned& p = planned[i];
        if (before(p.starts, span.from) || before(last, p.ends)) continue;
        // Offered one to four weeks before, while the case is open, and not after today.
        Date offered = addDays(p.starts, -between(rng_, 7, 28));
        if (before(offered, span.from)) offered = span.from;
        if (before(until_, offered)) continue;
        auto activity = placeOn(out, p, m, i);
        if (!activity) return activity.error();
        ActivityPlace place;
        place.activityId = *activity;
        place.youngCarerId = youngCarerId;
        place.offeredAt = at(offered, 9, between(rng_, 0, 480));
        if (before(p.ends, until_)) {  // over: the register was taken at the end of it
          const int roll = between(rng_, 0, 99);
          place.attendance = roll < 78   ? Attendance::attended
                             : roll < 90 ? Attendance::cancelled
                                         : Attendance::did_not_attend;
          if (place.attendance == Attendance::cancelled)
            place.reason = kCancelled[static_cast<std::size_t>(between(rng_, 0, 5))];
          place.recordedAt = at(p.ends, 18, between(rng_, 0, 90));
        }
        if (auto id = out.activityPlace(place); !id) return id.error();
        ++written;
      }
    }
  }
  return written;
}

}  // namespace ycr::services::demo
