#include "ycr/services/assessments.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

#include "ycr/core/validation.h"
#include "ycr/services/policy.h"
#include "ycr/services/questionnaire_loader.h"
#include "ycr/services/register.h"

namespace ycr::services {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// Text fields of an assessment, by their JSON names.
const std::vector<std::pair<std::string, std::string Assessment::*>>& textFields() {
  static const std::vector<std::pair<std::string, std::string Assessment::*>> fields = {
      {"wishes_and_feelings", &Assessment::wishesAndFeelings},
      {"outcomes_wanted", &Assessment::outcomesWanted},
      {"differences_of_opinion", &Assessment::differencesOfOpinion},
      {"change_detail", &Assessment::changeDetail},
      {"able_and_willing_now", &Assessment::ableAndWillingNow},
      {"able_and_willing_after_18", &Assessment::ableAndWillingAfter18},
      {"work_education_training_recreation", &Assessment::workEducationTrainingRecreation},
      {"changes_in_circumstances", &Assessment::changesInCircumstances},
  };
  return fields;
}

std::string matterKey(const Regulation4Matter& m) {
  return m.field.substr(m.field.find('.') + 1);
}

std::optional<MeasureInput> readMeasure(JsonInput& in, const std::string& key,
                                        std::string_view questionnaireId) {
  auto o = in.object(key);
  if (!o) return std::nullopt;
  JsonInput m(o, key, in.errors());
  MeasureInput out;
  if (auto id = m.string("questionnaire_id"); id && *id != questionnaireId)
    in.errors().add(key + ".questionnaire_id", "wrong_questionnaire",
                    "This must be " + std::string(questionnaireId));
  if (auto v = m.integer("version")) {
    if (*v < 1 || *v > 1000)
      in.errors().add(key + ".version", "invalid", "This is not a questionnaire version");
    else
      out.version = static_cast<int>(*v);
  }
  if (auto answers = m.array("answers", true)) {
    for (std::size_t i = 0; i < answers->size(); ++i) {
      auto v = answers->get(static_cast<unsigned>(i));
      if (v.isEmpty()) {
        out.answers.push_back(kUnanswered);
      } else if (auto n = jsonWholeNumber(v); n && *n >= 0 && *n <= 100) {
        out.answers.push_back(static_cast<int>(*n));
      } else {
        in.errors().add(key + ".answers[" + std::to_string(i) + "]", "wrong_type",
                        "Each answer must be a value on the questionnaire's scale");
        out.answers.push_back(kUnanswered);
      }
    }
  }
  m.rejectUnknown();
  return out;
}

Object::Ptr measureJson(const Score& s, bool scored) {
  if (scored) return toJson(s);
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("questionnaire_id", s.questionnaireId);
  o->set("version", s.version);
  Array::Ptr answers = new Array;
  for (int a : s.answers) answers->add(a);
  o->set("answers", answers);
  return o;
}

// A measure as given, scored against the questionnaire data; field errors are prefixed with its name.
Result<std::optional<Score>> scoreMeasure(const QuestionnaireSet* set, const std::optional<MeasureInput>& m,
                                          std::string_view id, const std::string& field) {
  if (!m) return std::optional<Score>();
  if (!set) {
    // Only the pathway's facts are wanted: keep what was answered, unscored.
    Score s;
    s.questionnaireId = std::string(id);
    s.version = m->version.value_or(0);
    s.answers = m->answers;
    return std::optional<Score>(std::move(s));
  }
  auto scored = set->score(id, m->version, m->answers);
  if (!scored) {
    FieldErrors errors;
    errors.merge(scored.error(), field);
    return errors.toError("The " + field + " answers have errors");
  }
  return std::optional<Score>(std::move(scored.value()));
}

// The stored assessment, read back: the document gives the content, the columns the header.
Result<Assessment> decode(const AssessmentRecord& r, const QuestionnaireSet* set) {
  Object::Ptr doc;
  try {
    Poco::JSON::Parser parser;
    doc = parser.parse(r.document).extract<Object::Ptr>();
  } catch (const std::exception&) {
    return DomainError::internal("assessment " + std::to_string(r.id) + " has an unreadable document");
  }
  FieldErrors errors;
  JsonInput in(doc, "", errors);
  AssessmentInput input;
  readAssessmentContent(in, input);
  in.rejectUnknown();
  if (!errors.empty())
    return DomainError::internal("assessment " + std::to_string(r.id) +
                                 " document: " + errors.all().front().field);
  Assessment a = std::move(input.content);
  auto maca = scoreMeasure(set, input.maca, kMacaId, "maca");
  if (!maca) return DomainError::internal("assessment " + std::to_string(r.id) + ": " + maca.error().detail);
  auto panoc = scoreMeasure(set, input.panoc, kPanocId, "panoc");
  if (!panoc)
    return DomainError::internal("assessment " + std::to_string(r.id) + ": " + panoc.error().detail);
  a.maca = std::move(maca.value());
  a.panoc = std::move(panoc.value());
  a.id = r.id;
  a.caseId = r.caseId;
  a.youngCarerId = r.youngCarerId;
  a.kind = r.kind;
  a.status = r.status;
  a.assessorUserId = r.assessorUserId;
  a.createdAt = r.createdAt;
  a.updatedAt = r.updatedAt;
  a.completedAt = r.completedAt;
  return a;
}

std::string documentOf(const Assessment& a) {
  return assessmentDocument(a);
}

// Every assessment of a young carer, decoded; unreadable ones are skipped, never guessed at.
std::vector<Assessment> decodeAll(const std::vector<AssessmentRecord>& records, const QuestionnaireSet* set) {
  std::vector<Assessment> out;
  for (const auto& r : records)
    if (auto a = decode(r, set)) out.push_back(std::move(a.value()));
  return out;
}

// The case the record belongs to, if the person may work it; otherwise not found (its existence must not
// leak).
Result<Case> workableCase(Transaction& tx, const Principal& who, Id caseId, const std::string& what) {
  auto c = tx.cases().findById(caseId);
  if (!c || !policy::canWorkCase(who, *c))
    return DomainError::notFound("There is no " + what + " with that id");
  return *c;
}

}  // namespace

// ---------------- JSON shape ----------------

void readAssessmentContent(JsonInput& in, AssessmentInput& input) {
  Assessment& a = input.content;
  if (auto m = in.object("matters")) {
    JsonInput mi(m, "matters", in.errors());
    for (const auto& matter : regulation4Matters())
      a.matters.*matter.member = mi.string(matterKey(matter)).value_or("");
    mi.rejectUnknown();
  }
  for (const auto& [key, member] : textFields()) a.*member = in.string(key).value_or("");
  a.participants = in.stringArray("participants");
  a.servicesToMeetNeeds = in.stringArray("services_to_meet_needs");
  if (auto list = in.array("written_record_to")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = "written_record_to[" + std::to_string(i) + "]";
      auto item = list->getObject(static_cast<unsigned>(i));
      if (!item) {
        in.errors().add(at, "wrong_type", "Each recipient must be an object with who and sent_on");
        continue;
      }
      JsonInput ri(item, at, in.errors());
      WrittenRecordRecipient r;
      r.who = ri.string("who", true).value_or("");
      if (auto sent = ri.string("sent_on")) {
        if (auto d = parseIsoDate(*sent))
          r.sentOn = *d;
        else
          in.errors().add(at + ".sent_on", "invalid_date", "Give the date like 2024-03-04");
      }
      ri.rejectUnknown();
      a.writtenRecordTo.push_back(std::move(r));
    }
  }
  a.needsForSupport = in.boolean("needs_for_support");
  if (auto ids = in.array("cared_for_person_ids")) {
    for (std::size_t i = 0; i < ids->size(); ++i) {
      auto v = ids->get(static_cast<unsigned>(i));
      if (auto n = jsonWholeNumber(v))
        a.caredForPersonIds.push_back(static_cast<Id>(*n));
      else
        in.errors().add("cared_for_person_ids[" + std::to_string(i) + "]", "wrong_type",
                        "Each cared-for person is given by their id");
    }
  }
  a.changeInCircumstances = in.boolean("change_in_circumstances").value_or(false);
  if (auto c = in.string("consent")) {
    if (auto v = parseEnum<TransitionConsent>(*c))
      a.consent = *v;
    else
      in.errors().add(
          "consent", "invalid_choice",
          "Choose consented, lacks_capacity_best_interests, refused_but_risk_of_abuse_or_neglect or "
          "not_recorded");
  }
  if (auto o = in.string("review_outcome")) {
    if (auto v = parseEnum<ReviewOutcome>(*o))
      a.reviewOutcome = *v;
    else
      in.errors().add("review_outcome", "invalid_choice",
                      "Choose continue, change_plan, start_transition or close");
  }
  input.maca = readMeasure(in, "maca", kMacaId);
  input.panoc = readMeasure(in, "panoc", kPanocId);
}

Object::Ptr assessmentContentJson(const Assessment& a, bool scored) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  Object::Ptr matters = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& m : regulation4Matters()) matters->set(matterKey(m), a.matters.*m.member);
  o->set("matters", matters);
  for (const auto& [key, member] : textFields()) o->set(key, a.*member);
  Array::Ptr participants = new Array;
  for (const auto& p : a.participants) participants->add(p);
  o->set("participants", participants);
  Array::Ptr recipients = new Array;
  for (const auto& r : a.writtenRecordTo) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("who", r.who);
    j->set("sent_on", r.sentOn ? Poco::Dynamic::Var(formatIsoDate(*r.sentOn)) : Poco::Dynamic::Var());
    recipients->add(j);
  }
  o->set("written_record_to", recipients);
  o->set("needs_for_support",
         a.needsForSupport ? Poco::Dynamic::Var(*a.needsForSupport) : Poco::Dynamic::Var());
  Array::Ptr services = new Array;
  for (const auto& s : a.servicesToMeetNeeds) services->add(s);
  o->set("services_to_meet_needs", services);
  Array::Ptr people = new Array;
  for (Id id : a.caredForPersonIds) people->add(id);
  o->set("cared_for_person_ids", people);
  o->set("change_in_circumstances", a.changeInCircumstances);
  o->set("consent", std::string(toString(a.consent)));
  o->set("review_outcome", a.reviewOutcome ? Poco::Dynamic::Var(std::string(toString(*a.reviewOutcome)))
                                           : Poco::Dynamic::Var());
  o->set("maca", a.maca ? Poco::Dynamic::Var(measureJson(*a.maca, scored)) : Poco::Dynamic::Var());
  o->set("panoc", a.panoc ? Poco::Dynamic::Var(measureJson(*a.panoc, scored)) : Poco::Dynamic::Var());
  return o;
}

std::string assessmentDocument(const Assessment& a) {
  return toJsonString(assessmentContentJson(a, false));
}

// What commissioners count by (the maca_band dimension): the band id, or "" when no MACA-YC18 was taken.
std::string macaBandOf(const Assessment& a) {
  return a.maca && a.maca->band ? a.maca->band->id : std::string();
}

// ---------------- pathway facts and guards (used by register.cpp) ----------------

// Not regulation4Recorded: a draft that would pass is still a draft, and the event alone would move the
// case without it. Assessments::complete supplies that fact once the assessment itself has passed.
// The columns say all the pathway needs: the documents are not parsed (that was two thirds of the work of
// reading a case, issue 25).
void addAssessmentFacts(Transaction& tx, const Case& c, pathways::CaseFacts& facts) {
  for (const auto& a : tx.assessments().listHeadersForCase(c.id)) {
    // This episode's: completed on or after the referral the current episode runs from.
    if (a.kind == AssessmentKind::transition && a.status == AssessmentStatus::completed && a.completedAt &&
        std::chrono::sys_days(ukLocalDate(*a.completedAt)) >= std::chrono::sys_days(c.referralReceived))
      facts.transitionAssessmentReady = true;
  }
}

DomainError completeTheAssessmentInstead(Transaction& tx, const Case& c) {
  std::optional<Id> draft;
  for (const auto& r : tx.assessments().listForCase(c.id))
    if (r.kind == AssessmentKind::needs && r.status == AssessmentStatus::draft) draft = r.id;
  DomainError e = DomainError::guardFailed(
      draft
          ? "Complete needs assessment " + std::to_string(*draft) +
                " itself: completing it checks the Regulation 4 matters, scores the measures and moves the "
                "case to support planning"
          : "Record a needs assessment for this case and complete it: completing it checks the Regulation 4 "
            "matters, scores the measures and moves the case to support planning");
  e.fields.push_back({"event", "complete_the_assessment", e.detail});
  return e;
}

Status checkAssessmentGuards(Transaction& tx, const Case& c, pathways::Event event) {
  if (event == pathways::Event::agree_plan && !tx.assessments().draftPlan(c.id)) {
    DomainError e = DomainError::guardFailed("Record the support plan first");
    e.fields.push_back({"support_plan", "support_plan_recorded", e.detail});
    return e;
  }
  return {};
}

Status recordAssessmentEffects(Transaction& tx, const Case& updated, const pathways::Transition& t) {
  if (t.event != pathways::Event::agree_plan) return {};
  auto draft = tx.assessments().draftPlan(updated.id);
  if (!draft) return DomainError::guardFailed("Record the support plan first");
  return tx.assessments().agreePlan(draft->id, updated.planAgreed.value_or(ukLocalDate(updated.updatedAt)),
                                    t.reviewDue);
}

// ---------------- use cases ----------------

Assessments::Assessments(Store& store, const Clock& clock, const pathways::Engine& engine,
                         const QuestionnaireSet& questionnaires)
    : store_(store), clock_(clock), engine_(engine), questionnaires_(questionnaires) {}

AuditEvent Assessments::auditFor(const Principal& who, std::string action, std::string recordType,
                                 std::string recordId) const {
  return auditEventFor(who, clock_.now(), std::move(action), std::move(recordType), std::move(recordId));
}

Result<AssessmentView> Assessments::viewOf(Transaction& tx, const AssessmentRecord& record,
                                           bool withAmendments) const {
  auto a = decode(record, &questionnaires_);
  if (!a) return a.error();
  AssessmentView v;
  v.assessment = std::move(a.value());
  if (v.assessment.kind == AssessmentKind::needs || v.assessment.kind == AssessmentKind::review) {
    auto previous = decodeAll(tx.assessments().listForYoungCarer(record.youngCarerId), &questionnaires_);
    if (v.assessment.kind == AssessmentKind::needs && v.assessment.status == AssessmentStatus::draft)
      v.coveringAssessmentId = coveringAssessment(v.assessment, previous);
    if (v.assessment.kind == AssessmentKind::review && v.assessment.status == AssessmentStatus::completed)
      v.comparison = compareWithBaseline(v.assessment, previous);
  }
  if (withAmendments) v.amendments = tx.assessments().amendments(record.id);
  return v;
}

namespace {

// Applies the measures and checks what a draft must satisfy, including that the people listed are
// this young carer's cared-for people.
Status prepare(Transaction& tx, const QuestionnaireSet& set, const AssessmentInput& input, Assessment& a) {
  FieldErrors errors;
  auto maca = scoreMeasure(&set, input.maca, kMacaId, "maca");
  if (maca)
    a.maca = std::move(maca.value());
  else
    errors.merge(maca.error());
  auto panoc = scoreMeasure(&set, input.panoc, kPanocId, "panoc");
  if (panoc)
    a.panoc = std::move(panoc.value());
  else
    errors.merge(panoc.error());
  if (auto s = validateDraft(a); !s) errors.merge(s.error());
  auto known = tx.youngCarers().caredFor(a.youngCarerId);
  for (std::size_t i = 0; i < a.caredForPersonIds.size(); ++i)
    if (std::none_of(known.begin(), known.end(),
                     [&](const CaredForPerson& p) { return p.id == a.caredForPersonIds[i]; }))
      errors.add("cared_for_person_ids[" + std::to_string(i) + "]", "unknown_person",
                 "This is not one of the young carer's cared-for people");
  if (!errors.empty()) return errors.toError("The assessment has errors");
  return {};
}

Assessment contentWithHeader(const Assessment& content, const Assessment& header) {
  Assessment a = content;
  a.id = header.id;
  a.caseId = header.caseId;
  a.youngCarerId = header.youngCarerId;
  a.kind = header.kind;
  a.status = header.status;
  a.assessorUserId = header.assessorUserId;
  a.createdAt = header.createdAt;
  a.updatedAt = header.updatedAt;
  a.completedAt = header.completedAt;
  return a;
}

}  // namespace

Result<long long> Assessments::recordMissingBands() {
  long long scored = 0;
  Id after = 0;
  for (;;) {
    auto tx = store_.begin(true);
    auto batch = tx->assessments().completedWithoutBand(after, 500);
    if (batch.empty()) break;
    for (auto& record : batch) {
      after = record.id;
      // An unreadable document keeps no band (counted as not recorded) rather than stopping the start.
      auto a = decode(record, &questionnaires_);
      record.macaBand = a ? macaBandOf(a.value()) : std::string();
      if (auto s = tx->assessments().update(record); !s) return s.error();
      ++scored;
    }
    if (auto s = tx->commit(); !s) return s.error();
  }
  return scored;
}

Result<AssessmentView> Assessments::create(const Principal& who, Id caseId, const AssessmentInput& input) {
  const Timestamp now = clock_.now();
  auto tx = store_.begin(true);
  auto c = workableCase(*tx, who, caseId, "case");
  if (!c) return c.error();
  if (!pathways::isOpen(c->state))
    return DomainError::conflict("The case is " + std::string(toString(c->state)) +
                                 ": reopen it with a referral first");
  // One draft of a kind at a time, so the pathway knows which assessment it is waiting for.
  for (const auto& r : tx->assessments().listForCase(caseId))
    if (r.kind == input.kind && r.status == AssessmentStatus::draft)
      return DomainError::conflict("The case already has a draft " + std::string(toString(input.kind)) +
                                   " (assessment " + std::to_string(r.id) + "); change that one instead");

  Assessment header;
  header.caseId = caseId;
  header.youngCarerId = c->youngCarerId;
  header.kind = input.kind;
  header.status = AssessmentStatus::draft;
  header.assessorUserId = who.userId;
  header.createdAt = header.updatedAt = now;
  Assessment a = contentWithHeader(input.content, header);
  if (auto s = prepare(*tx, questionnaires_, input, a); !s) return s.error();

  AssessmentRecord record{0,  caseId, c->youngCarerId, a.kind, a.status, documentOf(a), who.userId, now, now,
                          {}, {},     macaBandOf(a)};
  auto id = tx->assessments().create(record);
  if (!id) return id.error();
  record.id = *id;
  auto view = viewOf(*tx, record, false);
  if (!view) return view.error();
  auto e = auditFor(who, "assessment.create", "assessment", std::to_string(record.id));
  e.detail = std::string(toString(a.kind)) + " for case " + std::to_string(caseId);
  if (view->coveringAssessmentId)
    e.detail += "; not owed: covered by assessment " + std::to_string(*view->coveringAssessmentId);
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

Result<AssessmentView> Assessments::replace(const Principal& who, Id assessmentId,
                                            const AssessmentInput& input) {
  const Timestamp now = clock_.now();
  auto tx = store_.begin(true);
  auto record = tx->assessments().findById(assessmentId);
  if (!record) return DomainError::notFound("There is no assessment with that id");
  auto c = workableCase(*tx, who, record->caseId, "assessment");
  if (!c) return c.error();
  auto current = decode(*record, &questionnaires_);
  if (!current) return current.error();

  const bool amending = record->status == AssessmentStatus::completed;
  if (amending && validation::trim(input.amendmentReason).empty())
    return DomainError::field("amendment_reason", "required",
                              "This assessment is completed: say why it is being amended");
  if (!amending && !input.amendmentReason.empty())
    return DomainError::field("amendment_reason", "not_applicable",
                              "Only a completed assessment is amended; a draft is simply changed");

  Assessment header = *current;
  header.updatedAt = now;
  Assessment a = contentWithHeader(input.content, header);
  if (auto s = prepare(*tx, questionnaires_, input, a); !s) return s.error();
  // A completed assessment stays complete: an amendment cannot remove what completion required.
  if (amending)
    if (auto s = validateForCompletion(a); !s) return s.error();

  AssessmentRecord updated = *record;
  updated.document = documentOf(a);
  updated.macaBand = macaBandOf(a);
  updated.updatedAt = now;
  if (amending && a.kind == AssessmentKind::review) {
    auto previous = decodeAll(tx->assessments().listForYoungCarer(a.youngCarerId), &questionnaires_);
    updated.wellbeingImproved = compareWithBaseline(a, previous).wellbeingImproved;
  }
  if (auto s = tx->assessments().update(updated); !s) return s.error();
  auto e = auditFor(who, amending ? "assessment.amend" : "assessment.update", "assessment",
                    std::to_string(assessmentId));
  if (amending) {
    AssessmentAmendment am{
        0, assessmentId, who.userId, now, input.amendmentReason, record->document, updated.document};
    if (auto id = tx->assessments().addAmendment(am); !id) return id.error();
    e.reason = input.amendmentReason;
  }
  if (auto s = tx->audit().append(e); !s) return s.error();
  auto view = viewOf(*tx, updated, true);
  if (!view) return view.error();
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

Result<AssessmentView> Assessments::get(const Principal& who, Id assessmentId) {
  auto tx = store_.begin(false);
  auto record = tx->assessments().findById(assessmentId);
  if (!record) return DomainError::notFound("There is no assessment with that id");
  auto c = workableCase(*tx, who, record->caseId, "assessment");
  if (!c) {
    auto e = auditFor(who, "assessment.read", "assessment", std::to_string(assessmentId));
    e.outcome = "refused";
    e.reason = "case owned by another service";
    (void)appendAudit(store_, std::move(tx), e);
    return c.error();
  }
  auto view = viewOf(*tx, *record, true);
  if (!view) return view.error();
  if (auto s = appendAudit(store_, std::move(tx),
                           auditFor(who, "assessment.read", "assessment", std::to_string(assessmentId)));
      !s)
    return s.error();
  return view;
}

Result<std::vector<AssessmentView>> Assessments::listForCase(const Principal& who, Id caseId) {
  auto tx = store_.begin(false);
  auto c = workableCase(*tx, who, caseId, "case");
  if (!c) return c.error();
  std::vector<AssessmentView> out;
  for (const auto& r : tx->assessments().listForCase(caseId)) {
    auto v = viewOf(*tx, r, false);
    if (!v) return v.error();
    out.push_back(std::move(v.value()));
  }
  auto e = auditFor(who, "assessment.list", "case", std::to_string(caseId));
  e.detail = std::to_string(out.size()) + " assessments";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

Result<CompletionOutcome> Assessments::complete(const Principal& who, Id assessmentId,
                                                const CompletionInput& input) {
  const Timestamp now = clock_.now();
  const Date today = clock_.today();
  auto tx = store_.begin(true);
  auto record = tx->assessments().findById(assessmentId);
  if (!record) return DomainError::notFound("There is no assessment with that id");
  auto c = workableCase(*tx, who, record->caseId, "assessment");
  if (!c) return c.error();
  if (record->status == AssessmentStatus::completed)
    return DomainError::conflict("This assessment is already completed; amend it with a reason instead");
  if (input.expectedVersion && *input.expectedVersion != c->version)
    return DomainError::conflict("The case was changed by someone else; reload it and try again");
  // Scored afresh against the questionnaire version the answers were given on.
  auto decoded = decode(*record, &questionnaires_);
  if (!decoded) return decoded.error();
  Assessment a = std::move(decoded.value());
  if (auto s = validateForCompletion(a); !s) return s.error();
  a.status = AssessmentStatus::completed;
  a.completedAt = now;
  a.updatedAt = now;

  CompletionOutcome out;
  out.caseState = c->state;
  std::optional<pathways::EventRequest> request;
  if (a.kind == AssessmentKind::needs) {
    request = pathways::EventRequest{};
    request->event = pathways::Event::complete_assessment;
    request->lateReason = input.lateReason;
  } else if (a.kind == AssessmentKind::review) {
    request = pathways::EventRequest{};
    request->event = pathways::Event::complete_review;
    request->reviewOutcome = std::string(toString(*a.reviewOutcome));
    request->closeReason = input.closeReason;
  }

  AssessmentRecord updated = *record;
  if (a.kind == AssessmentKind::review) {
    auto previous = decodeAll(tx->assessments().listForYoungCarer(a.youngCarerId), &questionnaires_);
    updated.wellbeingImproved = compareWithBaseline(a, previous).wellbeingImproved;
  }

  Case moved = *c;
  std::optional<CaseEvent> caseEvent;
  if (request) {
    auto yc = tx->youngCarers().findById(c->youngCarerId);
    if (!yc) return DomainError::internal("case without a young carer");
    auto facts = factsOf(*c, *yc);
    addAssessmentFacts(*tx, *c, facts);
    facts.regulation4Recorded = a.kind == AssessmentKind::needs || facts.regulation4Recorded;
    auto transition = engine_.apply(facts, *request, pathways::Actor{who.userId, who.role}, today);
    if (!transition) {
      auto e = auditFor(who, "assessment.complete", "assessment", std::to_string(assessmentId));
      e.outcome = "refused";
      e.reason = std::string(toString(request->event)) + ": " + transition.error().detail;
      if (tx->audit().append(e)) (void)tx->commit();
      return transition.error();
    }
    applyFacts(moved, transition->after);
    if (transition->nextAction) {
      moved.nextAction = transition->nextAction->action;
      moved.nextActionDue = transition->nextAction->due;
    } else {
      moved.nextAction.clear();
      moved.nextActionDue.reset();
    }
    moved.updatedAt = now;
    if (auto s = tx->cases().update(moved); !s) return s.error();
    moved.version += 1;
    CaseEvent ev;
    ev.caseId = moved.id;
    ev.at = now;
    ev.actorUserId = who.userId;
    ev.event = std::string(toString(request->event));
    ev.fromState = transition->from;
    ev.toState = transition->to;
    ev.reason = "Assessment " + std::to_string(assessmentId) + " completed";
    ev.closeReason = transition->closeReason;
    ev.late = transition->late;
    ev.lateReason = transition->lateReason;
    if (auto id = tx->cases().appendEvent(ev); !id) return id.error();
    caseEvent = ev;
    out.event = request->event;
  }

  updated.status = AssessmentStatus::completed;
  updated.completedAt = now;
  updated.updatedAt = now;
  updated.document = documentOf(a);
  updated.macaBand = macaBandOf(a);
  if (auto s = tx->assessments().update(updated); !s) return s.error();

  auto e = auditFor(who, "assessment.complete", "assessment", std::to_string(assessmentId));
  e.detail = std::string(toString(a.kind)) + " for case " + std::to_string(c->id);
  if (updated.wellbeingImproved)
    e.detail += *updated.wellbeingImproved ? "; well-being improved" : "; well-being not improved";
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (caseEvent) {
    auto ce = auditFor(who, "case.event", "case", std::to_string(c->id));
    ce.detail = caseEvent->event + ": " + std::string(toString(caseEvent->fromState)) + " -> " +
                std::string(toString(caseEvent->toState));
    ce.reason = caseEvent->reason;
    if (auto s = tx->audit().append(ce); !s) return s.error();
  }
  auto view = viewOf(*tx, updated, false);
  if (!view) return view.error();
  if (auto s = tx->commit(); !s) return s.error();
  out.view = std::move(view.value());
  out.caseState = moved.state;
  return out;
}

Result<SupportPlans> Assessments::recordSupportPlan(const Principal& who, Id caseId,
                                                    const std::vector<SupportPlanItem>& items) {
  const Timestamp now = clock_.now();
  auto tx = store_.begin(true);
  auto c = workableCase(*tx, who, caseId, "case");
  if (!c) return c.error();
  if (!pathways::isOpen(c->state))
    return DomainError::conflict("The case is " + std::string(toString(c->state)) +
                                 ": it has no support plan to change");
  const auto yc = tx->youngCarers().findById(c->youngCarerId);  // a personal budget's age
  if (auto s = validate(items, yc ? std::optional(yc->dateOfBirth) : std::nullopt); !s) return s.error();
  if (auto draft = tx->assessments().draftPlan(caseId)) {
    if (auto s = tx->assessments().replacePlanItems(draft->id, items, now, who.userId); !s) return s.error();
  } else {
    SupportPlan p;
    p.caseId = caseId;
    p.status = SupportPlanStatus::draft;
    p.items = items;
    p.recordedBy = who.userId;
    p.recordedAt = now;
    if (auto id = tx->assessments().createPlan(p); !id) return id.error();
  }
  SupportPlans out{caseId, tx->assessments().currentPlan(caseId), tx->assessments().draftPlan(caseId),
                   tx->assessments().plans(caseId)};
  auto e = auditFor(who, "support_plan.record", "case", std::to_string(caseId));
  e.detail =
      "version " + std::to_string(out.draft->version) + ", " + std::to_string(items.size()) + " services";
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return out;
}

Result<SupportPlans> Assessments::supportPlans(const Principal& who, Id caseId) {
  auto tx = store_.begin(false);
  auto c = workableCase(*tx, who, caseId, "case");
  if (!c) return c.error();
  SupportPlans out{caseId, tx->assessments().currentPlan(caseId), tx->assessments().draftPlan(caseId),
                   tx->assessments().plans(caseId)};
  if (auto s = appendAudit(store_, std::move(tx),
                           auditFor(who, "support_plan.read", "case", std::to_string(caseId)));
      !s)
    return s.error();
  return out;
}

}  // namespace ycr::services
