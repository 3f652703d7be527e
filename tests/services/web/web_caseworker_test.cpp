// The caseworkers' pages (assessments, support plans, ID cards, match review) through the web
// site's own dispatch: what the browser journey cannot cheaply show. Every POST without the
// form's token is refused and changes nothing; referrers and commissioners get 403 on every
// page; names and text with markup, apostrophes and accents are shown escaped and intact.

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;

namespace {

struct WebFixture : test_support::SessionPagesFixture {
  std::string caseworker, referrer, commissioner;

  WebFixture() : SessionPagesFixture("web-cw", "2025-06-02T10:00:00Z") {
    create();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id school = organisation("Hamilton Academy", OrganisationKind::school);
    Id county = organisation("County commissioning", OrganisationKind::commissioner);
    user("casey", Role::caseworker, service);
    user("champion", Role::referrer, school);
    user("kim", Role::commissioner, county);
    caseworker = sessionFor("casey");
    referrer = sessionFor("champion");
    commissioner = sessionFor("kim");
  }

  struct Referred {
    Id youngCarerId = 0;
    Id caseId = 0;
  };
  Referred refer(const std::string& given, const std::string& family, const std::string& dob,
                 const std::string& postcode) {
    ReferralInput in;
    in.youngPerson.givenName = given;
    in.youngPerson.familyName = family;
    in.youngPerson.dateOfBirth = dob;
    in.youngPerson.postcode = postcode;
    in.youngPerson.schoolUrn = "120345";
    in.caringSummary = "Helps mum with her medication";
    CaredForInput mum;
    mum.relationship = "parent";
    mum.conditions = {"mental_ill_health"};
    in.caredFor.push_back(mum);
    in.youngPersonAware = true;
    in.parentAware = true;
    auto r = app->reg().submitReferral(who(caseworker), in);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    return {r->referral.youngCarerId, r->caseRecord.id};
  }
  void move(Id caseId, pathways::Event e) {
    pathways::EventRequest request;
    request.event = e;
    auto moved = app->reg().applyEvent(who(caseworker), caseId, request, std::nullopt);
    BOOST_REQUIRE_MESSAGE(moved, (moved ? "" : moved.error().detail));
  }
  // Referred to being assessed: acknowledged, accepted and the assessment started.
  void toAssessing(Id caseId) {
    for (auto e : {pathways::Event::acknowledge, pathways::Event::accept_for_assessment,
                   pathways::Event::start_assessment})
      move(caseId, e);
  }
  Id newAssessment(Id caseId) {
    AssessmentInput in;
    auto a = app->assessments().create(who(caseworker), caseId, in);
    BOOST_REQUIRE(a);
    return a->assessment.id;
  }
  std::string issueCard(Id youngCarerId) {
    IssueCardInput in;
    in.youngCarerConsent = true;
    in.parentConsent = "given";
    in.sharing = {"medication"};
    auto card = app->idCards().issue(who(caseworker), youngCarerId, in);
    BOOST_REQUIRE_MESSAGE(card, (card ? "" : card.error().detail));
    return card->card.number;
  }
  Id pendingMatch() {
    auto page = app->identity().matches(who(caseworker), {});
    BOOST_REQUIRE(page);
    BOOST_REQUIRE(!page->items.empty());
    return page->items.front().review.id;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(web_caseworker_test)

BOOST_AUTO_TEST_CASE(posts_without_the_form_token_are_refused_and_change_nothing) {
  WebFixture f;
  auto ellie = f.refer("Ellie", "Marsh", "2012-06-01", "LE3 5AB");
  Id assessment = f.newAssessment(ellie.caseId);
  std::string card = f.issueCard(ellie.youngCarerId);
  f.refer("Aisha", "Okonkwo", "2012-05-20", "LE2 1AB");
  f.refer("Amira", "Okonkwo", "2012-05-20", "LE2 1AB");
  Id match = f.pendingMatch();
  const std::string yc = "/young-carers/" + std::to_string(ellie.youngCarerId) + "/id-cards";
  const std::string kase = "/cases/" + std::to_string(ellie.caseId);
  const std::vector<std::pair<std::string, std::string>> posts = {
      {kase + "/assessments", "kind=needs_assessment"},
      {"/assessments/" + std::to_string(assessment), "action=save&participants=Ellie"},
      {kase + "/support-plan/edit",
       "rows=1&item-0-type=short_break&item-0-provider=Us&item-0-start-day=1&"
       "item-0-start-month=7&item-0-start-year=2025"},
      {kase + "/support-plan/agree", ""},
      {yc + "/new", "young_carer_consent=yes&parent_consent=given"},
      {yc + "/wish", "wants_card=no"},
      {yc + "/" + card + "/revoke", "reason=No+longer+wanted"},
      {yc + "/" + card + "/renew", ""},
      {yc + "/" + card + "/lost", ""},
      {"/matches/" + std::to_string(match), "decision=different&reason=Twins"},
      {"/merges/1/undo", "reason=Twins"},
  };
  for (const auto& [uri, body] : posts) {
    BOOST_TEST_CONTEXT(uri) {
      auto missing = f.post(uri, f.caseworker, body, false);
      BOOST_TEST(missing.status == 403);
      BOOST_TEST(contains(missing.body, "Your form could not be sent"));
      // A token from another session is as good as none.
      auto wrong =
          f.post(uri, f.caseworker, body + "&csrf_token=" + f.app->web().csrf().tokenFor(f.referrer), false);
      BOOST_TEST(wrong.status == 403);
    }
  }
  // Nothing changed: one assessment, still a draft; the card still active; the match still pending.
  auto list = f.app->assessments().listForCase(f.who(f.caseworker), ellie.caseId);
  BOOST_REQUIRE(list);
  BOOST_TEST(list->size() == 1u);
  BOOST_TEST(list->front().assessment.participants.empty());
  auto cards = f.app->idCards().cardsFor(f.who(f.caseworker), ellie.youngCarerId);
  BOOST_REQUIRE(cards);
  BOOST_REQUIRE_EQUAL(cards->size(), 1u);
  BOOST_TEST(toString(cards->front().effective) == "active");
  auto plans = f.app->assessments().supportPlans(f.who(f.caseworker), ellie.caseId);
  BOOST_REQUIRE(plans);
  BOOST_TEST(!plans->draft.has_value());
  BOOST_TEST(toString(f.app->identity().match(f.who(f.caseworker), match)->review.status) == "pending");

  // The same request with the token is accepted (so the refusals above were about the token).
  auto revoked = f.post(yc + "/" + card + "/revoke", f.caseworker, "reason=No+longer+wanted");
  BOOST_TEST(revoked.status == 303);
}

// A card's pages open only under its own young carer: another child's card number in this child's
// address is not found, and nothing is done to it.
BOOST_AUTO_TEST_CASE(a_card_is_reached_only_under_its_own_young_carer) {
  WebFixture f;
  auto ellie = f.refer("Ellie", "Marsh", "2012-06-01", "LE3 5AB");
  auto zoe = f.refer("Zoe", "Quinn", "2011-02-03", "LE2 7GH");
  const std::string zoesCard = f.issueCard(zoe.youngCarerId);
  const std::string ellies = "/young-carers/" + std::to_string(ellie.youngCarerId) + "/id-cards/" + zoesCard;
  for (const std::string& uri : {ellies, ellies + "/card.svg", ellies + "/revoke"}) {
    auto page = f.get(uri, f.caseworker);
    BOOST_TEST(page.status == 404, uri);
    BOOST_TEST(contains(page.body, "There is no such card for this young carer."), uri);
  }
  BOOST_TEST(f.post(ellies + "/renew", f.caseworker, "").status == 404);
  BOOST_TEST(f.post(ellies + "/revoke", f.caseworker, "reason=Gone").status == 404);
  auto cards = f.app->idCards().cardsFor(f.who(f.caseworker), zoe.youngCarerId);
  BOOST_REQUIRE(cards);
  BOOST_REQUIRE_EQUAL(cards->size(), 1u);
  BOOST_TEST(toString(cards->front().effective) == "active");
  // Under its own young carer, the same card opens.
  BOOST_TEST(
      f.get("/young-carers/" + std::to_string(zoe.youngCarerId) + "/id-cards/" + zoesCard, f.caseworker)
          .status == 200);
}

// The strategies count cards for young carers who want one: the cards page asks, and keeps the answer.
BOOST_AUTO_TEST_CASE(the_cards_page_asks_whether_they_want_a_card) {
  WebFixture f;
  auto ellie = f.refer("Ellie", "Marsh", "2012-06-01", "LE3 5AB");
  const std::string cards = "/young-carers/" + std::to_string(ellie.youngCarerId) + "/id-cards";
  auto asked = f.get(cards, f.caseworker);
  BOOST_TEST(contains(asked.body, "Do they want an ID card?"));
  BOOST_TEST(contains(asked.body, "Not asked yet"));
  auto unanswered = f.post(cards + "/wish", f.caseworker, "wants_card=");
  BOOST_TEST(unanswered.status == 422);
  BOOST_TEST(contains(unanswered.body, "href=\"#wants_card\""));
  BOOST_REQUIRE_EQUAL(f.post(cards + "/wish", f.caseworker, "wants_card=no").status, 303);
  auto answered = f.get(cards, f.caseworker).body;
  BOOST_TEST(!contains(answered, "Not asked yet"));
  BOOST_TEST(contains(answered, "value=\"no\" checked"));
  auto tx = f.app->store().begin(false);
  BOOST_TEST(!tx->idCards().latestWish(ellie.youngCarerId)->wantsCard);
}

BOOST_AUTO_TEST_CASE(referrers_and_commissioners_are_refused_every_page) {
  WebFixture f;
  auto ellie = f.refer("Ellie", "Marsh", "2012-06-01", "LE3 5AB");
  Id assessment = f.newAssessment(ellie.caseId);
  std::string card = f.issueCard(ellie.youngCarerId);
  const std::string yc = "/young-carers/" + std::to_string(ellie.youngCarerId) + "/id-cards";
  const std::string kase = "/cases/" + std::to_string(ellie.caseId);
  const std::vector<std::string> pages = {kase + "/assessments",
                                          "/assessments/" + std::to_string(assessment),
                                          kase + "/support-plan",
                                          kase + "/support-plan/edit",
                                          yc,
                                          yc + "/new",
                                          yc + "/" + card,
                                          yc + "/" + card + "/card.svg",
                                          yc + "/" + card + "/revoke",
                                          "/matches",
                                          "/matches/1",
                                          "/merges/1"};
  for (const auto& token : {f.referrer, f.commissioner}) {
    for (const auto& uri : pages) {
      BOOST_TEST_CONTEXT(uri) {
        auto r = f.get(uri, token);
        BOOST_TEST(r.status == 403);
        BOOST_TEST(contains(r.body, "You cannot see this page"));
        BOOST_TEST(!contains(r.body, "Marsh"));
      }
    }
    // A POST with a valid token is refused by role before anything is read.
    auto r = f.post(yc + "/" + card + "/revoke", token, "reason=x");
    BOOST_TEST(r.status == 403);
    auto issue = f.post(kase + "/assessments", token, "kind=needs_assessment");
    BOOST_TEST(issue.status == 403);
  }
  BOOST_TEST(f.app->assessments().listForCase(f.who(f.caseworker), ellie.caseId)->size() == 1u);
  // Signed out: sent to sign in.
  auto anonymous = f.app->web().handle({"GET", "/matches", "", "", "", "127.0.0.1"});
  BOOST_TEST(anonymous.status == 303);
  // The caseworker sees them all.
  for (const auto& uri : pages) {
    if (uri == "/matches/1" || uri == "/merges/1") continue;
    BOOST_TEST_CONTEXT(uri) {
      BOOST_TEST(f.get(uri, f.caseworker).status == 200);
    }
  }
}

BOOST_AUTO_TEST_CASE(names_and_text_are_escaped_and_kept_intact) {
  WebFixture f;
  const std::string given = "Zoë";
  const std::string family = "O'Brien-Šťastná";
  auto zoe = f.refer(given, family, "2012-04-03", "LE2 7GH");
  f.toAssessing(zoe.caseId);
  Id assessment = f.newAssessment(zoe.caseId);
  const std::string script = "<script>alert('x')</script>";

  // Text with markup saved through the page comes back as text, in the field and on the list.
  auto saved = f.post("/assessments/" + std::to_string(assessment), f.caseworker,
                      "action=save&participants=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E&"
                      "wishes_and_feelings=Z%C3%B6e%27s+wish");
  BOOST_REQUIRE_EQUAL(saved.status, 303);
  auto page = f.get("/assessments/" + std::to_string(assessment), f.caseworker);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(!contains(page.body, script));
  BOOST_TEST(contains(page.body, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  BOOST_TEST(contains(page.body, "Zöe&#39;s wish"));
  BOOST_TEST(contains(page.body, "Zoë O&#39;Brien-Šťastná"));
  BOOST_TEST(!contains(page.body, "O'Brien"));
  BOOST_TEST(f.app->assessments().get(f.who(f.caseworker), assessment)->assessment.participants.front() ==
             script);

  // A support plan's provider, shown on the plan page.
  auto plan =
      f.post("/cases/" + std::to_string(zoe.caseId) + "/support-plan/edit", f.caseworker,
             "rows=1&item-0-type=short_break&item-0-provider=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E&"
             "item-0-start-day=1&item-0-start-month=7&item-0-start-year=2025");
  BOOST_REQUIRE_EQUAL(plan.status, 303);
  auto planPage = f.get("/cases/" + std::to_string(zoe.caseId) + "/support-plan", f.caseworker);
  BOOST_TEST(!contains(planPage.body, script));
  BOOST_TEST(contains(planPage.body, "&lt;script&gt;"));
  BOOST_TEST(contains(planPage.body, "Zoë O&#39;Brien-Šťastná"));

  // A card's revocation reason and the holder's name.
  std::string card = f.issueCard(zoe.youngCarerId);
  const std::string cards = "/young-carers/" + std::to_string(zoe.youngCarerId) + "/id-cards";
  BOOST_REQUIRE_EQUAL(
      f.post(cards + "/" + card + "/revoke", f.caseworker, "reason=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E")
          .status,
      303);
  auto cardPage = f.get(cards + "/" + card, f.caseworker);
  BOOST_TEST(!contains(cardPage.body, script));
  BOOST_TEST(contains(cardPage.body, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  BOOST_TEST(contains(cardPage.body, "Zoë O&#39;Brien-Šťastná"));
  BOOST_TEST(contains(cardPage.body, "alt=\"Young carer ID card for Zoë"));

  // The match review queue and a possible match (twins): both records' names, escaped.
  f.refer("Aisha", family, "2011-05-20", "LE4 6BY");
  f.refer("Amira", family, "2011-05-20", "LE4 6BY");
  auto queue = f.get("/matches", f.caseworker);
  BOOST_TEST(contains(queue.body, "Amira O&#39;Brien-Šťastná"));
  Id match = f.pendingMatch();
  auto matchPage = f.get("/matches/" + std::to_string(match), f.caseworker);
  BOOST_REQUIRE_EQUAL(matchPage.status, 200);
  BOOST_TEST(contains(matchPage.body, "Aisha O&#39;Brien-Šťastná"));
  BOOST_TEST(contains(matchPage.body, "Amira O&#39;Brien-Šťastná"));
  BOOST_TEST(!contains(matchPage.body, "O'Brien"));
  // A reason with markup, rejected with the pair: shown as text when the match is read again.
  auto decided = f.post("/matches/" + std::to_string(match), f.caseworker,
                        "decision=different&reason=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E");
  BOOST_REQUIRE_EQUAL(decided.status, 303);
  auto after = f.get("/matches/" + std::to_string(match), f.caseworker);
  BOOST_TEST(!contains(after.body, script));
  BOOST_TEST(contains(after.body, "&lt;script&gt;"));
}

BOOST_AUTO_TEST_CASE(completion_errors_are_shown_in_words_beside_each_field) {
  WebFixture f;
  auto ellie = f.refer("Ellie", "Marsh", "2012-06-01", "LE3 5AB");
  f.toAssessing(ellie.caseId);
  Id assessment = f.newAssessment(ellie.caseId);
  // Half a questionnaire: completion names each unanswered question rather than dropping them.
  auto r =
      f.post("/assessments/" + std::to_string(assessment), f.caseworker, "action=complete&maca-1=1&maca-2=0");
  BOOST_REQUIRE_EQUAL(r.status, 422);
  BOOST_TEST(contains(r.body, "<title>Error: Needs assessment"));
  BOOST_TEST(contains(r.body, "href=\"#participants\">Record who took part"));
  BOOST_TEST(contains(r.body, "id=\"participants-error\""));
  BOOST_TEST(contains(r.body, "href=\"#matters-care_provided\">Record the amount, nature and type of care"));
  BOOST_TEST(contains(r.body, "href=\"#maca-3\">Answer question 3 of MACA-YC18"));
  BOOST_TEST(contains(r.body, "id=\"maca-18-error\""));
  BOOST_TEST(!contains(r.body, "maca-1-error"));
  // The answers given are kept on the page, and the totals so far shown.
  BOOST_TEST(contains(r.body, "value=\"1\" checked"));
  BOOST_TEST(contains(r.body, "2 of 18 questions answered. Total 1 out of 36."));
  // Nothing completed: the case is still being assessed.
  BOOST_TEST(toString(f.app->assessments().get(f.who(f.caseworker), assessment)->assessment.status) ==
             "draft");
}

BOOST_AUTO_TEST_CASE(an_assessment_is_completed_on_the_assessment_not_with_a_case_button) {
  WebFixture f;
  auto amy = f.refer("Amy", "Nowak", "2012-04-03", "LE2 7GH");
  f.toAssessing(amy.caseId);
  f.newAssessment(amy.caseId);
  const std::string casePath = "/cases/" + std::to_string(amy.caseId);
  auto page = f.get(casePath, f.caseworker);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(!contains(page.body, "value=\"complete_assessment\""));
  BOOST_TEST(
      contains(page.body, "complete its <a class=\"govuk-link\" href=\"" + casePath + "/assessments\">"));
  // A form posted anyway (an old page, a crafted request) is refused and the case stays where it was.
  auto refused = f.post(casePath + "/events", f.caseworker, "event=complete_assessment&reason=");
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(contains(refused.body, "Complete needs assessment"));
  BOOST_TEST(toString(f.app->reg().caseView(f.who(f.caseworker), amy.caseId)->caseRecord.state) ==
             std::string("assessing"));
}

BOOST_AUTO_TEST_SUITE_END()
