#include "feedback_repository.h"

namespace ycr::storage {

Result<Id> SqlFeedback::add(const Feedback& f) {
  return sql_.insert(
      "INSERT INTO feedback(organisation_id, kind, from_whom, young_carer_id, received_on, summary, "
      "recorded_by, recorded_at, response_due) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(f.organisationId), std::string(toString(f.kind)), std::string(toString(f.from)),
       optId(f.youngCarerId), iso(f.received), f.summary, optId(f.recordedBy), iso(f.recordedAt),
       optIso(f.responseDue)});
}

std::vector<Feedback> SqlFeedback::select(const std::string& where, const std::vector<Param>& params) {
  std::vector<Feedback> out;
  for (const auto& r : sql_.query(
           "SELECT id, organisation_id, kind, from_whom, young_carer_id, received_on, summary, recorded_by, "
           "recorded_at, response_due, outcome, responded_on, response, responded_by, extended_on, "
           "extension_reason, extended_by, stage, stage_asked_on FROM feedback WHERE " +
               where + " ORDER BY received_on DESC, id DESC",
           params)) {
    Feedback f;
    f.id = r.i64(0);
    f.organisationId = r.i64(1);
    f.kind = parseEnum<FeedbackKind>(r.str(2)).value_or(FeedbackKind::complaint);
    f.from = parseEnum<FeedbackFrom>(r.str(3)).value_or(FeedbackFrom::other);
    f.youngCarerId = r.optId(4);
    f.received = r.date(5);
    f.summary = r.str(6);
    f.recordedBy = r.optId(7);
    f.recordedAt = r.time(8);
    f.responseDue = r.optDate(9);
    if (!r.isNull(10)) f.outcome = parseEnum<ComplaintOutcome>(r.str(10));
    f.respondedOn = r.optDate(11);
    f.response = r.str(12);
    f.respondedBy = r.optId(13);
    f.extendedOn = r.optDate(14);
    f.extensionReason = r.str(15);
    f.extendedBy = r.optId(16);
    f.stage = static_cast<int>(r.i64(17));
    f.stageAskedOn = r.optDate(18);
    if (f.stage > 1) f.earlierStages = earlierStages(f.id);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<ComplaintStage> SqlFeedback::earlierStages(Id id) {
  std::vector<ComplaintStage> out;
  for (const auto& r :
       sql_.query("SELECT stage, asked_on, response_due, outcome, responded_on, response, responded_by, "
                  "extended_on, "
                  "extension_reason, extended_by FROM complaint_stages WHERE feedback_id = ? ORDER BY stage",
                  {static_cast<long long>(id)})) {
    ComplaintStage s;
    s.stage = static_cast<int>(r.i64(0));
    s.askedOn = r.optDate(1);
    s.responseDue = r.date(2);
    s.outcome = parseEnum<ComplaintOutcome>(r.str(3)).value_or(ComplaintOutcome::not_upheld);
    s.respondedOn = r.date(4);
    s.response = r.str(5);
    s.respondedBy = r.optId(6);
    s.extendedOn = r.optDate(7);
    s.extensionReason = r.str(8);
    s.extendedBy = r.optId(9);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Feedback> SqlFeedback::findById(Id id) {
  auto found = select("id = ?", {static_cast<long long>(id)});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Feedback> SqlFeedback::forOrganisation(Id organisationId) {
  return select("organisation_id = ?", {static_cast<long long>(organisationId)});
}

std::vector<Feedback> SqlFeedback::forYoungCarer(Id youngCarerId) {
  return select("young_carer_id = ?", {static_cast<long long>(youngCarerId)});
}

Result<bool> SqlFeedback::respond(Id id, ComplaintOutcome outcome, const Date& respondedOn,
                                  const std::string& response, std::optional<Id> respondedBy) {
  return sql_.exec(
             "UPDATE feedback SET outcome = ?, responded_on = ?, response = ?, responded_by = ? WHERE id = ? "
             "AND "
             "kind = 'complaint' AND outcome IS NULL",
             {std::string(toString(outcome)), iso(respondedOn), response, optId(respondedBy),
              static_cast<long long>(id)}) == 1;
}

Result<bool> SqlFeedback::extend(Id id, const Date& newDue, const Date& on, const std::string& reason,
                                 std::optional<Id> by) {
  return sql_.exec(
             "UPDATE feedback SET response_due = ?, extended_on = ?, extension_reason = ?, extended_by = ? "
             "WHERE id = ? AND kind = 'complaint' AND outcome IS NULL AND extended_on IS NULL",
             {iso(newDue), iso(on), reason, optId(by), static_cast<long long>(id)}) == 1;
}

Result<bool> SqlFeedback::openNextStage(Id id, int from, const Date& askedOn, const Date& due) {
  const std::vector<Param> answered = {static_cast<long long>(id), static_cast<long long>(from)};
  const std::string where =
      " WHERE id = ? AND stage = ? AND kind = 'complaint' AND outcome IS NOT NULL AND responded_on IS NOT "
      "NULL";
  if (sql_.exec(
          "INSERT INTO complaint_stages(feedback_id, stage, asked_on, response_due, outcome, responded_on, "
          "response, responded_by, extended_on, extension_reason, extended_by) SELECT id, stage, "
          "stage_asked_on, response_due, outcome, responded_on, response, responded_by, extended_on, "
          "extension_reason, extended_by FROM feedback" +
              where,
          answered) != 1)
    return false;
  return sql_.exec(
             "UPDATE feedback SET stage = stage + 1, stage_asked_on = ?, response_due = ?, outcome = NULL, "
             "responded_on = NULL, response = '', responded_by = NULL, extended_on = NULL, "
             "extension_reason = '', extended_by = NULL" +
                 where,
             {iso(askedOn), iso(due), static_cast<long long>(id), static_cast<long long>(from)}) == 1;
}

std::vector<FeedbackRepository::DueComplaint> SqlFeedback::complaintsDue(const Date& from, const Date& to) {
  std::vector<DueComplaint> out;
  for (const auto& r :
       sql_.query("SELECT response_due, responded_on FROM feedback WHERE kind = 'complaint' AND "
                  "response_due BETWEEN ? AND ? UNION ALL SELECT response_due, responded_on FROM "
                  "complaint_stages WHERE response_due BETWEEN ? AND ?",
                  {iso(from), iso(to), iso(from), iso(to)}))
    out.push_back({r.date(0), r.optDate(1)});
  return out;
}

}  // namespace ycr::storage
