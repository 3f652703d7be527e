#include "id_card_repository.h"

#include <Poco/Exception.h>

namespace ycr::storage {
namespace {

constexpr const char* kCardColumns =
    "SELECT id, number, young_carer_id, issued, expires, status, status_reason, sharing, "
    "young_carer_consent, "
    "parent_consent, parent_consent_note, replaced_by, created_at FROM id_cards";

std::vector<SharingArea> splitSharing(const std::string& text) {
  std::vector<SharingArea> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (auto a = parseEnum<SharingArea>(text.substr(start, end - start))) out.push_back(*a);
    start = end + 1;
  }
  return out;
}

IdCard cardFromRow(const Row& r) {
  IdCard c;
  c.id = r.i64(0);
  c.number = r.str(1);
  c.youngCarerId = r.i64(2);
  c.issued = r.date(3);
  c.expires = r.date(4);
  auto status = parseEnum<CardStatus>(r.str(5));
  // An unreadable status must never verify as valid.
  c.status = status ? *status : CardStatus::revoked;
  c.statusReason = r.str(6);
  c.sharing = splitSharing(r.str(7));
  c.youngCarerConsent = r.boolean(8);
  c.parentConsent = r.str(9);
  c.parentConsentNote = r.str(10);
  c.replacedBy = r.optStr(11);
  c.createdAt = r.time(12);
  return c;
}

std::vector<IdCard> cards(Sql& sql, const std::string& where, const std::vector<Param>& params) {
  std::vector<IdCard> out;
  for (auto& r : sql.query(std::string(kCardColumns) + where, params)) out.push_back(cardFromRow(r));
  return out;
}

}  // namespace

std::string joinSharing(const std::vector<SharingArea>& areas) {
  std::string out;
  // Appended piece by piece: GCC 12 at -O3 reports a -Wrestrict memcpy overlap that cannot happen
  // in the inlined `const char* + std::string` of a one-line join.
  for (auto a : areas) {
    if (!out.empty()) out += ',';
    out += toString(a);
  }
  return out;
}

Result<std::string> SqlIdCards::nextNumber(Timestamp at) {
  Id serial = sql_.insert("INSERT INTO id_card_serials(taken_at) VALUES (?) RETURNING serial", {iso(at)});
  if (serial < 0 || static_cast<std::uint64_t>(serial) > kMaxCardSerial)
    return DomainError::unavailable("The card number sequence is exhausted");
  return makeCardNumber(static_cast<std::uint64_t>(serial));
}

Result<Id> SqlIdCards::create(const IdCard& c) {
  // The serial is the number's digits without the check digit, which nextNumber() made from it.
  long long serial = std::stoll(c.number.substr(2, 9));
  try {
    return sql_.insert(
        "INSERT INTO id_cards(number, serial, young_carer_id, issued, expires, status, status_reason, "
        "sharing, "
        "young_carer_consent, parent_consent, parent_consent_note, replaced_by, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        {c.number, serial, static_cast<long long>(c.youngCarerId), iso(c.issued), iso(c.expires),
         std::string(toString(c.status)), c.statusReason, joinSharing(c.sharing), flag(c.youngCarerConsent),
         c.parentConsent, c.parentConsentNote, optText(c.replacedBy), iso(c.createdAt)});
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e))
      return DomainError::conflict("The card number " + c.number + " is already in use");
    throw;
  }
}

std::optional<IdCard> SqlIdCards::findByNumber(const std::string& number) {
  auto found = cards(sql_, " WHERE number = ?", {number});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<IdCard> SqlIdCards::listForYoungCarer(Id youngCarerId) {
  return cards(sql_, " WHERE young_carer_id = ? ORDER BY id DESC", {static_cast<long long>(youngCarerId)});
}

std::vector<IdCard> SqlIdCards::activeForYoungCarer(Id youngCarerId) {
  return cards(sql_, " WHERE young_carer_id = ? AND status = 'active' ORDER BY id",
               {static_cast<long long>(youngCarerId)});
}

Status SqlIdCards::setStatus(const std::string& number, CardStatus status, const std::string& reason,
                             const std::optional<std::string>& replacedBy) {
  auto n = sql_.exec(
      "UPDATE id_cards SET status = ?, status_reason = ?, replaced_by = COALESCE(?, replaced_by) "
      "WHERE number = ?",
      {std::string(toString(status)), reason, optText(replacedBy), number});
  if (n == 0) return DomainError::notFound("There is no card with that number");
  return {};
}

Status SqlIdCards::renew(const std::string& number, Date renewedOn, Date expires) {
  auto n = sql_.exec(
      "UPDATE id_cards SET renewed = ?, expires = ?, status = 'active', status_reason = '' WHERE number = ?",
      {iso(renewedOn), iso(expires), number});
  if (n == 0) return DomainError::notFound("There is no card with that number");
  return {};
}

std::int64_t SqlIdCards::cardsActive(Date today) {
  return sql_
      .one("SELECT COUNT(*) FROM id_cards WHERE status = 'active' AND issued <= ? AND expires >= ?",
           {iso(today), iso(today)})
      ->i64(0);
}

std::int64_t SqlIdCards::cardsIssued(Date from, Date to) {
  return sql_.one("SELECT COUNT(*) FROM id_cards WHERE issued >= ? AND issued <= ?", {iso(from), iso(to)})
      ->i64(0);
}

Result<Id> SqlIdCards::addWish(const IdCardWish& w) {
  return sql_.insert(
      "INSERT INTO id_card_wishes(young_carer_id, wants_card, recorded_by, recorded_at) VALUES (?,?,?,?) "
      "RETURNING id",
      {static_cast<long long>(w.youngCarerId), static_cast<long long>(w.wantsCard ? 1 : 0),
       optId(w.recordedBy), iso(w.recordedAt)});
}

std::optional<IdCardWish> SqlIdCards::latestWish(Id youngCarerId) {
  auto all = wishes(youngCarerId);
  if (all.empty()) return std::nullopt;
  return all.back();
}

std::vector<IdCardWish> SqlIdCards::wishes(Id youngCarerId) {
  std::vector<IdCardWish> out;
  for (const auto& r : sql_.query("SELECT id, young_carer_id, wants_card, recorded_by, recorded_at FROM "
                                  "id_card_wishes WHERE young_carer_id = ? ORDER BY id",
                                  {static_cast<long long>(youngCarerId)}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2) != 0, r.optId(3), r.time(4)});
  return out;
}

std::int64_t SqlIdCards::youngCarersEligibleWithoutCard(Date today, int upperAge) {
  // Under upperAge on `today` means born after the same day upperAge years earlier (addMonths
  // clamps 29 February, matching ageOn's 1 March birthday in other years).
  Date bornAfter = addMonths(today, -12 * upperAge);
  return sql_
      .one(
          "SELECT COUNT(*) FROM young_carers y JOIN cases c ON c.young_carer_id = y.id "
          "WHERE y.merged_into IS NULL AND c.state NOT IN ('closed', 'handed_over') AND y.date_of_birth > ? "
          "AND NOT EXISTS (SELECT 1 FROM id_cards k WHERE k.young_carer_id = y.id AND k.status = 'active' "
          "AND k.expires >= ?) AND COALESCE((SELECT w.wants_card FROM id_card_wishes w WHERE "
          "w.young_carer_id "
          "= y.id ORDER BY w.id DESC LIMIT 1), 1) = 1",
          {iso(bornAfter), iso(today)})
      ->i64(0);
}

}  // namespace ycr::storage
