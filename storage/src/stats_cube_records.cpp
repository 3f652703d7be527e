// The records each young carer's counted facts are derived from, read for a batch of marked young carers
// (StatsCube::settle).

#include <map>
#include <stdexcept>
#include <string>

#include "indicator_facts.h"
#include "sqlite_statement.h"
#include "stats_cube.h"

namespace ycr::storage {
namespace {

std::string districtOf(const std::string& postcode) {
  const auto space = postcode.find(' ');
  return space == std::string::npos ? postcode : postcode.substr(0, space);
}

Date ukDayOf(const std::string& at) {
  auto t = parseIsoTimestamp(at);
  if (!t) throw std::runtime_error("statistics: unreadable time " + at);
  return ukLocalDate(*t);
}

}  // namespace

void readChildRecords(sqlite3* db, long long lo, long long hi, std::map<long long, ChildRecords>& records,
                      bool breaks) {
  auto each = [&](const std::string& sql, auto&& row) {
    StatsStatement s(db, sql);
    s.bind(1, lo).bind(2, hi);
    while (s.step()) {
      auto it = records.find(s.i64(0));
      if (it != records.end()) row(it->second, s);
    }
  };
  const std::string pending = " FROM stats_pending p CROSS JOIN ";
  const std::string range = " WHERE p.young_carer_id BETWEEN ?1 AND ?2";
  each("SELECT y.id, y.gender, y.ethnicity, y.postcode, y.school_urn" + pending +
           "young_carers y ON y.id = p.young_carer_id" + range,
       [](ChildRecords& r, StatsStatement& s) {
         r.gender = s.str(1);
         r.ethnicity = s.str(2);
         r.district = districtOf(s.str(3));
         r.school = s.str(4);
       });
  each("SELECT c.young_carer_id, c.owner_team" + pending + "cases c ON c.young_carer_id = p.young_carer_id" +
           range,
       [](ChildRecords& r, StatsStatement& s) { r.service = s.str(1); });
  each("SELECT k.young_carer_id, k.relationship, k.condition" + pending +
           "stats_care k ON k.young_carer_id = p.young_carer_id" + range,
       [](ChildRecords& r, StatsStatement& s) { r.care.emplace_back(s.str(1), s.str(2)); });
  each("SELECT f.young_carer_id, f.referral_id, f.received_day, f.route, f.age_band" + pending +
           "stats_referrals f ON f.young_carer_id = p.young_carer_id" + range,
       [](ChildRecords& r, StatsStatement& s) {
         r.referrals.push_back({s.i64(1), *parseIsoDate(s.str(2)), s.str(3), s.str(4)});
       });
  each("SELECT c.young_carer_id, e.id, e.at, e.event, e.from_state, e.to_state" + pending +
           "cases c ON c.young_carer_id = p.young_carer_id CROSS JOIN case_events e ON e.case_id = c.id" +
           range + " ORDER BY e.id",
       [](ChildRecords& r, StatsStatement& s) {
         r.events.push_back({s.i64(1), ukDayOf(s.str(2)), s.str(3), s.str(4), s.str(5)});
       });
  each("SELECT c.young_carer_id, e.referral_id, e.opened_day, e.closed_day" + pending +
           "cases c ON c.young_carer_id = p.young_carer_id CROSS JOIN stats_episodes e ON e.case_id = c.id" +
           range + " ORDER BY e.id",
       [](ChildRecords& r, StatsStatement& s) {
         ChildRecords::Episode ep;
         ep.referralId = s.isNull(1) ? 0 : s.i64(1);
         ep.opened = *parseIsoDate(s.str(2));
         if (!s.isNull(3)) ep.closed = parseIsoDate(s.str(3));
         r.episodes.push_back(ep);
       });
  // The latest completed assessment that recorded a band decides the child's band.
  each("SELECT a.young_carer_id, a.maca_band" + pending +
           "assessments a ON a.young_carer_id = p.young_carer_id" + range +
           " AND a.status = 'completed' AND a.maca_band <> '' ORDER BY a.completed_at, a.id",
       [](ChildRecords& r, StatsStatement& s) { r.macaBand = s.str(1); });
  each("SELECT i.young_carer_id, i.issued" + pending + "id_cards i ON i.young_carer_id = p.young_carer_id" +
           range,
       [](ChildRecords& r, StatsStatement& s) { r.cardsIssued.push_back(*parseIsoDate(s.str(1))); });
  if (!breaks) return;
  each("SELECT ap.young_carer_id, a.starts_on" + pending +
           "activity_places ap ON ap.young_carer_id = p.young_carer_id AND ap.attendance = 'attended' CROSS "
           "JOIN activities a ON a.id = ap.activity_id AND a.finalised_at IS NOT NULL AND a.kind IN " +
           breakKindsSql() + range,
       [](ChildRecords& r, StatsStatement& s) { r.breaksAttended.push_back(*parseIsoDate(s.str(1))); });
}

}  // namespace ycr::storage
