// The pathway events that need answers, through the web site's own dispatch: completing a review
// and handing over to adult services (question pages, check your answers, the same applyEvent as
// the API), and amending a completed assessment. The buttons appear only when the pathway allows
// the event; errors are worded for people in the summary and beside the field; text is escaped;
// POSTs without the form's token change nothing.

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;

namespace {

struct HandoverFixture : test_support::SessionPagesFixture {
  std::string caseworker, manager, referrer;

  HandoverFixture() : SessionPagesFixture("web-ho", "2025-06-02T10:00:00Z") {
    create();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id school = organisation("Hamilton Academy", OrganisationKind::school);
    user("casey", Role::caseworker, service);
    user("mo", Role::team_manager, service);
    user("champion", Role::referrer, school);
    caseworker = sessionFor("casey");
    manager = sessionFor("mo");
    referrer = sessionFor("champion");
  }

  Id refer(const std::string& given, const std::string& dob) {
    ReferralInput in;
    in.youngPerson.givenName = given;
    in.youngPerson.familyName = "Khan";
    in.youngPerson.dateOfBirth = dob;
    in.youngPerson.postcode = "LE2 7GH";
    in.caringSummary = "Looks after her mum";
    CaredForInput mum;
    mum.relationship = "parent";
    mum.conditions = {"mental_ill_health"};
    in.caredFor.push_back(mum);
    in.youngPersonAware = true;
    in.parentAware = true;
    auto r = app->reg().submitReferral(who(caseworker), in);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    return r->caseRecord.id;
  }
  void move(Id caseId, pathways::Event e) {
    pathways::EventRequest request;
    request.event = e;
    auto moved = app->reg().applyEvent(who(caseworker), caseId, request, std::nullopt);
    BOOST_REQUIRE_MESSAGE(moved, (moved ? "" : moved.error().detail));
  }
  CaseView view(Id caseId) {
    auto v = app->reg().caseView(who(caseworker), caseId);
    BOOST_REQUIRE(v);
    return *v;
  }
  std::string state(Id caseId) { return std::string(toString(view(caseId).caseRecord.state)); }

  Id completedNeedsAssessment(Id caseId) {
    AssessmentInput in;
    in.kind = AssessmentKind::needs;
    Assessment& a = in.content;
    for (const auto& m : regulation4Matters()) a.matters.*m.member = "Recorded: " + m.description;
    a.participants = {"Amira", "Her mother"};
    a.wishesAndFeelings = "Time with friends";
    a.outcomesWanted = "A break each week";
    a.writtenRecordTo = {{"Amira", clock.today()}};
    a.needsForSupport = true;
    a.servicesToMeetNeeds = {"Young carers group"};
    a.caredForPersonIds = {view(caseId).caredFor.front().id};
    auto created = app->assessments().create(who(caseworker), caseId, in);
    BOOST_REQUIRE_MESSAGE(created, (created ? "" : created.error().detail));
    auto done = app->assessments().complete(who(caseworker), created->assessment.id, {});
    BOOST_REQUIRE_MESSAGE(done, (done ? "" : done.error().detail));
    return created->assessment.id;
  }
  // Referral to a review in progress, through the use cases the API calls.
  Id caseUnderReview(const std::string& given, const std::string& dob) {
    Id caseId = refer(given, dob);
    move(caseId, pathways::Event::acknowledge);
    move(caseId, pathways::Event::accept_for_assessment);
    move(caseId, pathways::Event::start_assessment);
    completedNeedsAssessment(caseId);
    SupportPlanItem group;
    group.type = ServiceType::young_carers_group;
    group.provider = "Young carers service";
    group.start = clock.today();
    BOOST_REQUIRE(app->assessments().recordSupportPlan(who(caseworker), caseId, {group}));
    move(caseId, pathways::Event::agree_plan);
    move(caseId, pathways::Event::start_review);
    BOOST_REQUIRE_EQUAL(state(caseId), "reviewing");
    return caseId;
  }
  void completeTransitionAssessment(Id caseId) {
    AssessmentInput in;
    in.kind = AssessmentKind::transition;
    Assessment& a = in.content;
    a.consent = TransitionConsent::consented;
    a.participants = {"Amira"};
    a.ableAndWillingNow = "Yes, with support";
    a.ableAndWillingAfter18 = "Yes, part time";
    a.outcomesWanted = "College place";
    a.workEducationTrainingRecreation = "Applying to college";
    a.writtenRecordTo = {{"Amira", clock.today()}};
    auto created = app->assessments().create(who(caseworker), caseId, in);
    BOOST_REQUIRE_MESSAGE(created, (created ? "" : created.error().detail));
    auto done = app->assessments().complete(who(caseworker), created->assessment.id, {});
    BOOST_REQUIRE_MESSAGE(done, (done ? "" : done.error().detail));
  }
};

std::string locationOf(const Response& r) {
  for (const auto& [name, value] : r.headers)
    if (name == "Location") return value;
  return "";
}

// Aged 16 on 10 September 2024 and 18 on 10 September 2026: transition is possible on 2 June 2025.
const char* kSixteen = "2008-09-10";

}  // namespace

BOOST_AUTO_TEST_SUITE(web_handover_test)

BOOST_AUTO_TEST_CASE(the_buttons_appear_only_when_the_pathway_allows_the_event) {
  HandoverFixture f;
  Id early = f.refer("Nadia", kSixteen);
  const std::string earlyCase = "/cases/" + std::to_string(early);
  auto referred = f.get(earlyCase, f.caseworker);
  BOOST_REQUIRE_EQUAL(referred.status, 200);
  BOOST_TEST(!contains(referred.body, "/complete-review\""));
  BOOST_TEST(!contains(referred.body, "/hand-over\""));
  // Typed in: the question pages refuse too, naming the stage.
  auto notYet = f.get(earlyCase + "/complete-review", f.caseworker);
  BOOST_TEST(notYet.status == 409);
  BOOST_TEST(contains(notYet.body, "This case is Referred: you cannot complete a review at this stage"));
  BOOST_TEST(f.get(earlyCase + "/hand-over", f.caseworker).status == 409);
  BOOST_TEST(f.post(earlyCase + "/hand-over", f.caseworker, "receiving_service=Adult+carers+hub").status ==
             409);
  BOOST_TEST(f.state(early) == "referred");

  Id caseId = f.caseUnderReview("Amira", kSixteen);
  const std::string kase = "/cases/" + std::to_string(caseId);
  auto reviewing = f.get(kase, f.caseworker);
  BOOST_TEST(contains(reviewing.body, "href=\"" + kase + "/complete-review\" role=\"button\""));
  BOOST_TEST(contains(reviewing.body, ">Complete review</a>"));
  BOOST_TEST(!contains(reviewing.body, "/hand-over\""));
  BOOST_TEST(!contains(reviewing.body, "value=\"complete_review\""));

  // In transition without a transition assessment: no hand-over yet, and the page says why.
  f.move(caseId, pathways::Event::start_transition);
  auto transition = f.get(kase, f.caseworker);
  BOOST_TEST(!contains(transition.body, "/hand-over\""));
  BOOST_TEST(contains(transition.body, "first complete a <a class=\"govuk-link\" href=\"" + kase +
                                           "/assessments\">transition assessment</a>"));
  BOOST_TEST(f.get(kase + "/hand-over", f.caseworker).status == 409);
  BOOST_TEST(!contains(transition.body, "/complete-review\""));

  f.completeTransitionAssessment(caseId);
  auto ready = f.get(kase, f.caseworker);
  BOOST_TEST(contains(ready.body, "href=\"" + kase + "/hand-over\" role=\"button\""));
  BOOST_TEST(contains(ready.body, ">Hand over to adult services</a>"));
  BOOST_TEST(!contains(ready.body, "first complete a"));
  BOOST_TEST(f.get(kase + "/hand-over", f.caseworker).status == 200);

  // Not for referrers: refused by role, nothing shown.
  auto asReferrer = f.get(kase + "/hand-over", f.referrer);
  BOOST_TEST(asReferrer.status == 403);
  BOOST_TEST(!contains(asReferrer.body, "Khan"));
}

BOOST_AUTO_TEST_CASE(a_review_is_completed_through_its_questions_and_check_your_answers) {
  HandoverFixture f;
  Id caseId = f.caseUnderReview("Amira", kSixteen);
  const std::string kase = "/cases/" + std::to_string(caseId);

  auto question = f.get(kase + "/complete-review", f.caseworker);
  BOOST_REQUIRE_EQUAL(question.status, 200);
  BOOST_TEST(
      contains(question.body, "<h1 class=\"govuk-fieldset__heading\">What did the review decide?</h1>"));
  BOOST_TEST(contains(question.body, "The case moves to Transition, to prepare the hand-over at 18."));

  // Nothing chosen: in the summary, linked to the radios, and beside them.
  auto none = f.post(kase + "/complete-review", f.caseworker, "reason=");
  BOOST_REQUIRE_EQUAL(none.status, 422);
  BOOST_TEST(contains(none.body, "<title>Error: What did the review decide?"));
  BOOST_TEST(contains(none.body, "<a href=\"#review_outcome\">Select what the review decided</a>"));
  BOOST_TEST(contains(none.body, "id=\"review_outcome-error\""));
  BOOST_TEST(f.state(caseId) == "reviewing");

  // Notes with markup are kept as typed and shown as text on the check page.
  const std::string note = "<b>Mum</b> is at O'Neill's clinic";
  auto answered =
      f.post(kase + "/complete-review", f.caseworker,
             "review_outcome=start_transition&reason=%3Cb%3EMum%3C%2Fb%3E+is+at+O%27Neill%27s+clinic");
  BOOST_REQUIRE_EQUAL(answered.status, 303);
  BOOST_TEST(locationOf(answered) == kase + "/complete-review/check");
  BOOST_TEST(f.state(caseId) == "reviewing");  // nothing moves before the answers are confirmed
  auto check = f.get(kase + "/complete-review/check", f.caseworker);
  BOOST_REQUIRE_EQUAL(check.status, 200);
  BOOST_TEST(contains(check.body, "Start transition to adult services"));
  BOOST_TEST(contains(check.body, "&lt;b&gt;Mum&lt;/b&gt; is at O&#39;Neill&#39;s clinic"));
  BOOST_TEST(!contains(check.body, "<b>Mum</b>"));
  BOOST_TEST(contains(check.body, "href=\"" + kase + "/complete-review\">Change"));
  // Going back to change an answer shows it chosen.
  BOOST_TEST(
      contains(f.get(kase + "/complete-review", f.caseworker).body, "value=\"start_transition\" checked"));

  auto confirmed = f.post(kase + "/complete-review/check", f.caseworker, "");
  BOOST_REQUIRE_EQUAL(confirmed.status, 303);
  BOOST_TEST(locationOf(confirmed) == kase + "?moved=complete_review");
  BOOST_TEST(f.state(caseId) == "transition");
  auto timeline = f.app->reg().timeline(f.who(f.caseworker), caseId);
  BOOST_REQUIRE(timeline);
  BOOST_TEST(timeline->back().event == "complete_review");
  BOOST_TEST(timeline->back().reason == note);
  auto casePage = f.get(kase + "?moved=complete_review", f.caseworker);
  BOOST_TEST(contains(casePage.body, "Done: Complete review"));
  BOOST_TEST(contains(casePage.body, "&lt;b&gt;Mum&lt;/b&gt;"));
  // The answers were used once: the review pages are refused now the case has moved on.
  BOOST_TEST(f.get(kase + "/complete-review/check", f.caseworker).status == 409);
}

BOOST_AUTO_TEST_CASE(the_engines_objections_are_shown_beside_the_answer_they_concern) {
  HandoverFixture f;
  // Too young for transition planning: the outcome is refused, beside the outcome.
  Id young = f.caseUnderReview("Ellie", "2012-06-01");
  const std::string youngCase = "/cases/" + std::to_string(young);
  BOOST_TEST(contains(f.get(youngCase + "/complete-review", f.caseworker).body,
                      "Not before 1 June 2028, when transition planning can start."));
  BOOST_REQUIRE_EQUAL(
      f.post(youngCase + "/complete-review", f.caseworker, "review_outcome=start_transition").status, 303);
  auto tooYoung = f.post(youngCase + "/complete-review/check", f.caseworker, "");
  BOOST_TEST(tooYoung.status == 422);
  BOOST_TEST(contains(tooYoung.body, "<a href=\"#review_outcome\">Transition planning starts at 16"));
  BOOST_TEST(contains(tooYoung.body, "id=\"review_outcome-error\""));
  BOOST_TEST(f.state(young) == "reviewing");

  // Closing asks why on its own page; a caseworker may not close as "needs met".
  Id caseId = f.caseUnderReview("Amira", kSixteen);
  const std::string kase = "/cases/" + std::to_string(caseId);
  auto close = f.post(kase + "/complete-review", f.caseworker, "review_outcome=close");
  BOOST_REQUIRE_EQUAL(close.status, 303);
  BOOST_TEST(locationOf(close) == kase + "/complete-review/close-reason");
  BOOST_TEST(locationOf(f.get(kase + "/complete-review/check", f.caseworker)) ==
             kase + "/complete-review/close-reason");
  auto reasons = f.get(kase + "/complete-review/close-reason", f.caseworker);
  BOOST_TEST(contains(reasons.body, "Only a team manager can close a case for this reason"));
  BOOST_TEST(!contains(reasons.body, "value=\"handed_over\""));
  auto noReason = f.post(kase + "/complete-review/close-reason", f.caseworker, "close_reason=handed_over");
  BOOST_TEST(noReason.status == 422);
  BOOST_TEST(contains(noReason.body, "<a href=\"#close_reason\">Select why the case is closing</a>"));
  BOOST_TEST(contains(noReason.body, "id=\"close_reason-error\""));
  BOOST_REQUIRE_EQUAL(
      f.post(kase + "/complete-review/close-reason", f.caseworker, "close_reason=needs_met").status, 303);
  auto check = f.get(kase + "/complete-review/check", f.caseworker);
  BOOST_TEST(contains(check.body, "Their needs for support are met"));
  auto refused = f.post(kase + "/complete-review/check", f.caseworker, "");
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(
      contains(refused.body, "<a href=\"#close_reason\">Closing a case as needs_met is a team manager"));
  BOOST_TEST(contains(refused.body, "id=\"close_reason-error\""));
  BOOST_TEST(f.state(caseId) == "reviewing");

  // A team manager may.
  BOOST_REQUIRE_EQUAL(f.post(kase + "/complete-review", f.manager, "review_outcome=close").status, 303);
  BOOST_REQUIRE_EQUAL(
      f.post(kase + "/complete-review/close-reason", f.manager, "close_reason=needs_met").status, 303);
  BOOST_REQUIRE_EQUAL(f.post(kase + "/complete-review/check", f.manager, "").status, 303);
  BOOST_TEST(f.state(caseId) == "closed");
  BOOST_TEST(toString(*f.view(caseId).caseRecord.closeReason) == "needs_met");
}

BOOST_AUTO_TEST_CASE(answers_given_before_someone_else_moved_the_case_are_not_applied) {
  HandoverFixture f;
  Id caseId = f.caseUnderReview("Amira", kSixteen);
  const std::string kase = "/cases/" + std::to_string(caseId);
  BOOST_REQUIRE_EQUAL(f.post(kase + "/complete-review", f.caseworker, "review_outcome=continue").status, 303);
  // Meanwhile a manager takes the case on (it stays under review, at a new version).
  pathways::EventRequest assign;
  assign.event = pathways::Event::assign;
  assign.assignTo = f.who(f.manager).userId;
  BOOST_REQUIRE(f.app->reg().applyEvent(f.who(f.manager), caseId, assign, std::nullopt));
  auto stale = f.post(kase + "/complete-review/check", f.caseworker, "");
  BOOST_TEST(stale.status == 409);
  BOOST_TEST(contains(stale.body, "The case was changed by someone else"));
  BOOST_TEST(f.state(caseId) == "reviewing");
  // Having seen it, the person can confirm again.
  BOOST_REQUIRE_EQUAL(f.post(kase + "/complete-review/check", f.caseworker, "").status, 303);
  BOOST_TEST(f.state(caseId) == "supported");
}

BOOST_AUTO_TEST_CASE(a_young_carer_is_handed_over_to_adult_services) {
  HandoverFixture f;
  Id caseId = f.caseUnderReview("Amira", kSixteen);
  const std::string kase = "/cases/" + std::to_string(caseId);
  f.move(caseId, pathways::Event::start_transition);
  f.completeTransitionAssessment(caseId);

  auto question = f.get(kase + "/hand-over", f.caseworker);
  BOOST_REQUIRE_EQUAL(question.status, 200);
  BOOST_TEST(contains(question.body, "Which adult carers&#39; service is taking over?"));
  BOOST_TEST(contains(question.body, "Amira turns 18 on 10 September 2026."));

  auto blank = f.post(kase + "/hand-over", f.caseworker, "receiving_service=+++");
  BOOST_REQUIRE_EQUAL(blank.status, 422);
  BOOST_TEST(contains(blank.body,
                      "<a href=\"#receiving_service\">Enter the adult carers&#39; service taking over</a>"));
  BOOST_TEST(contains(blank.body, "id=\"receiving_service-error\""));
  BOOST_TEST(contains(blank.body, "govuk-input--error"));

  const std::string service = "<i>Carers' hub</i> & partners";
  auto answered = f.post(kase + "/hand-over", f.caseworker,
                         "receiving_service=%3Ci%3ECarers%27+hub%3C%2Fi%3E+%26+partners");
  BOOST_REQUIRE_EQUAL(answered.status, 303);
  BOOST_TEST(locationOf(answered) == kase + "/hand-over/check");
  auto check = f.get(kase + "/hand-over/check", f.caseworker);
  BOOST_REQUIRE_EQUAL(check.status, 200);
  BOOST_TEST(contains(check.body, "&lt;i&gt;Carers&#39; hub&lt;/i&gt; &amp; partners"));
  BOOST_TEST(!contains(check.body, "<i>Carers"));
  BOOST_TEST(contains(check.body, "10 September 2026"));
  BOOST_TEST(f.state(caseId) == "transition");

  auto done = f.post(kase + "/hand-over/check", f.caseworker, "");
  BOOST_REQUIRE_EQUAL(done.status, 303);
  BOOST_TEST(locationOf(done) == kase + "?moved=hand_over");
  BOOST_TEST(f.state(caseId) == "handed_over");
  auto timeline = f.app->reg().timeline(f.who(f.caseworker), caseId);
  BOOST_REQUIRE(timeline);
  BOOST_TEST(timeline->back().event == "hand_over");
  BOOST_TEST(timeline->back().reason == service);
  auto casePage = f.get(kase + "?moved=hand_over", f.caseworker);
  BOOST_TEST(contains(casePage.body, "Done: Hand over"));
  BOOST_TEST(contains(casePage.body, "&lt;i&gt;Carers&#39; hub&lt;/i&gt;"));
  BOOST_TEST(!contains(casePage.body, "What happens next"));
}

BOOST_AUTO_TEST_CASE(posts_without_the_form_token_are_refused_and_change_nothing) {
  HandoverFixture f;
  Id reviewing = f.caseUnderReview("Amira", kSixteen);
  Id transition = f.caseUnderReview("Nadia", kSixteen);
  f.move(transition, pathways::Event::start_transition);
  f.completeTransitionAssessment(transition);
  const std::string r = "/cases/" + std::to_string(reviewing);
  const std::string t = "/cases/" + std::to_string(transition);
  // Answers already given with the token, so only the token stands between the POST and the change.
  BOOST_REQUIRE_EQUAL(f.post(r + "/complete-review", f.caseworker, "review_outcome=close").status, 303);
  BOOST_REQUIRE_EQUAL(f.post(t + "/hand-over", f.caseworker, "receiving_service=Adult+carers+hub").status,
                      303);
  Id needs = f.app->assessments().listForCase(f.who(f.caseworker), reviewing)->front().assessment.id;
  const std::vector<std::pair<std::string, std::string>> posts = {
      {r + "/complete-review", "review_outcome=continue"},
      {r + "/complete-review/close-reason", "close_reason=moved_away"},
      {r + "/complete-review/check", ""},
      {t + "/hand-over", "receiving_service=Someone+else"},
      {t + "/hand-over/check", ""},
      {"/assessments/" + std::to_string(needs) + "/amend", "participants=Amira&amendment_reason=Typo"},
  };
  for (const auto& [uri, body] : posts) {
    BOOST_TEST_CONTEXT(uri) {
      auto missing = f.post(uri, f.caseworker, body, false);
      BOOST_TEST(missing.status == 403);
      BOOST_TEST(contains(missing.body, "Your form could not be sent"));
      auto wrong =
          f.post(uri, f.caseworker, body + "&csrf_token=" + f.app->web().csrf().tokenFor(f.manager), false);
      BOOST_TEST(wrong.status == 403);
    }
  }
  BOOST_TEST(f.state(reviewing) == "reviewing");
  BOOST_TEST(f.state(transition) == "transition");
  BOOST_TEST(f.app->assessments().get(f.who(f.caseworker), needs)->amendments.empty());
  // The earlier answers stand: the refused POSTs did not replace them.
  BOOST_TEST(contains(f.get(t + "/hand-over/check", f.caseworker).body, "Adult carers hub"));
  BOOST_TEST(contains(f.get(r + "/complete-review", f.caseworker).body, "value=\"close\" checked"));
}

BOOST_AUTO_TEST_CASE(a_completed_assessment_is_amended_with_a_reason) {
  HandoverFixture f;
  Id caseId = f.refer("Amira", kSixteen);
  f.move(caseId, pathways::Event::acknowledge);
  f.move(caseId, pathways::Event::accept_for_assessment);
  f.move(caseId, pathways::Event::start_assessment);
  Id needs = f.completedNeedsAssessment(caseId);
  const std::string path = "/assessments/" + std::to_string(needs);

  auto completed = f.get(path, f.caseworker);
  BOOST_TEST(contains(completed.body, "href=\"" + path + "/amend\">Amend this assessment</a>"));
  auto form = f.get(path + "/amend", f.caseworker);
  BOOST_REQUIRE_EQUAL(form.status, 200);
  BOOST_TEST(contains(form.body, "action=\"" + path + "/amend\""));
  BOOST_TEST(contains(form.body, ">Amira\nHer mother</textarea>"));  // what is stored, ready to change
  BOOST_TEST(contains(form.body, "id=\"amendment_reason\""));
  BOOST_TEST(!contains(form.body, "Save and complete"));

  // No reason, and a matter emptied: both in the summary and beside their fields; nothing saved.
  std::string body =
      "participants=Amira&wishes_and_feelings=Time+with+friends&outcomes_wanted=A+break&"
      "needs_for_support=yes&services_to_meet_needs=Young+carers+group&written_record_to=Amira&"
      "written_record_sent_on-day=2&written_record_sent_on-month=6&written_record_sent_on-year=2025";
  for (const auto& m : regulation4Matters()) {
    std::string id = m.field;
    std::replace(id.begin(), id.end(), '.', '-');
    if (id != "matters-care_provided") body += "&" + id + "=Recorded";
  }
  auto refused = f.post(path + "/amend", f.caseworker, body);
  BOOST_REQUIRE_EQUAL(refused.status, 422);
  BOOST_TEST(
      contains(refused.body, "<a href=\"#amendment_reason\">Enter why you are amending this assessment</a>"));
  BOOST_TEST(contains(refused.body, "id=\"amendment_reason-error\""));
  BOOST_TEST(contains(refused.body,
                      "<a href=\"#matters-care_provided\">Record the amount, nature and type of care"));
  BOOST_TEST(contains(refused.body, "id=\"matters-care_provided-error\""));
  BOOST_TEST(f.app->assessments().get(f.who(f.caseworker), needs)->amendments.empty());

  auto amended = f.post(path + "/amend", f.caseworker,
                        body +
                            "&matters-care_provided=Cooks+every+evening&"
                            "amendment_reason=%3Cb%3EWrong%3C%2Fb%3E+participants+recorded");
  BOOST_REQUIRE_EQUAL(amended.status, 303);
  BOOST_TEST(locationOf(amended) == path + "?result=amended");
  auto stored = f.app->assessments().get(f.who(f.caseworker), needs);
  BOOST_REQUIRE(stored);
  BOOST_REQUIRE_EQUAL(stored->amendments.size(), 1u);
  BOOST_TEST(stored->amendments.front().reason == "<b>Wrong</b> participants recorded");
  BOOST_REQUIRE_EQUAL(stored->assessment.participants.size(), 1u);
  BOOST_TEST(stored->assessment.participants.front() == "Amira");
  BOOST_TEST(toString(stored->assessment.status) == "completed");
  auto after = f.get(path + "?result=amended", f.caseworker);
  BOOST_TEST(contains(after.body, "Your amendment was saved"));
  BOOST_TEST(contains(after.body, "&lt;b&gt;Wrong&lt;/b&gt; participants recorded"));
  BOOST_TEST(!contains(after.body, "<b>Wrong</b>"));
  BOOST_TEST(f.state(caseId) == "support_planning");  // an amendment never moves the case

  // A draft is changed directly, not amended.
  AssessmentInput draft;
  auto d = f.app->assessments().create(f.who(f.caseworker), caseId, draft);
  BOOST_REQUIRE(d);
  auto toDraft = f.get("/assessments/" + std::to_string(d->assessment.id) + "/amend", f.caseworker);
  BOOST_TEST(toDraft.status == 303);
  BOOST_TEST(locationOf(toDraft) == "/assessments/" + std::to_string(d->assessment.id));
}

BOOST_AUTO_TEST_SUITE_END()
