// One record per child, through the API: misspelt referrals about a known child join their
// record, doubtful ones go to the match review queue, twins are never linked without a person,
// and a merge can be undone leaving every record exactly as it was.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>
#include <set>

#include "../../storage/src/identity_repository.h"
#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Object;

namespace {

using test_support::Reply;

struct IdentityFixture : test_support::ServiceFixture {
  std::string caseworker, school;

  IdentityFixture() : ServiceFixture("identity", "2025-06-02T10:00:00Z") {
    start();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id academy = organisation("Hamilton Academy", OrganisationKind::school);
    user("casey.worker", Role::caseworker, service);
    user("sam.champion", Role::referrer, academy);
    caseworker = signIn("casey.worker");
    school = signIn("sam.champion");
  }

  Reply call(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& token = "") {
    return send(method, path, body, token);
  }

  // A referral as the caseworker takes it; returns the receipt.
  Object::Ptr refer(const std::string& given, const std::string& family, const std::string& dob,
                    const std::string& postcode, const std::string& school = "") {
    auto r = call(
        "POST", "/api/v1/referrals",
        R"({"young_person":{"given_name":")" + given + R"(","family_name":")" + family +
            R"(","date_of_birth":")" + dob + R"(","postcode":")" + postcode + R"(")" +
            (school.empty() ? "" : R"(,"school_urn":")" + school + "\"") +
            R"(},"caring_summary":"Helps mum with her medication","cared_for":[{"relationship":"parent",)"
            R"("conditions":["mental_ill_health"]}]})",
        caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json();
  }
  static Id youngCarerOf(const Object::Ptr& receipt) {
    return receipt->getObject("identity")->getValue<Id>("young_carer_id");
  }
  static std::string outcomeOf(const Object::Ptr& receipt) {
    return receipt->getObject("identity")->getValue<std::string>("outcome");
  }

  // Every row of the tables a merge touches that belongs to these records, as stored.
  std::string rowsOf(const std::vector<Id>& youngCarers) {
    auto tx = app->store().begin(false);
    std::vector<RowImage> rows;
    for (Id yc : youngCarers) {
      rows.push_back(*tx->merges().capture("young_carers", yc));
      for (const char* table : {"referrals", "cared_for_people", "assessments", "id_cards"})
        for (Id id : tx->merges().rowsOf(table, yc)) rows.push_back(*tx->merges().capture(table, id));
      if (auto c = tx->cases().findByYoungCarer(yc)) rows.push_back(*tx->merges().capture("cases", c->id));
    }
    return storage::rowImagesToJson(rows);
  }
  std::size_t youngCarerCount() {
    auto tx = app->store().begin(false);
    std::size_t n = 0;
    tx->youngCarers().forEachLive(0, [&](const YoungCarer&) { ++n; });
    return n;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(identity_api_test)

BOOST_AUTO_TEST_CASE(a_misspelt_referral_about_a_known_child_joins_their_record) {
  IdentityFixture f;
  auto first = f.refer("Mohammed", "Al-Amin", "2012-04-03", "LE2 7GH", "120345");
  BOOST_TEST(IdentityFixture::outcomeOf(first) == "new");
  // The GP's spelling, a postcode slip, the same school.
  auto second = f.refer("Mohamed", "Alamin", "2012-04-03", "LE2 7HG", "120345");
  BOOST_TEST(IdentityFixture::outcomeOf(second) == "linked");
  BOOST_TEST(IdentityFixture::youngCarerOf(second) == IdentityFixture::youngCarerOf(first));
  BOOST_TEST(f.youngCarerCount() == 1u);
  // The referrer is not told whether the child was already known.
  auto fromSchool =
      f.call("POST", "/api/v1/referrals",
             R"({"young_person":{"given_name":"Muhammad","family_name":"Al Amin",)"
             R"("date_of_birth":"2012-04-03","postcode":"LE2 7GH"},"caring_summary":"Cares for mum"})",
             f.school);
  BOOST_REQUIRE_EQUAL(fromSchool.status, 201);
  BOOST_TEST(!fromSchool.json()->has("identity"));
  BOOST_TEST(f.youngCarerCount() == 1u);
}

BOOST_AUTO_TEST_CASE(different_children_get_different_records) {
  IdentityFixture f;
  auto a = f.refer("Olivia", "Nowak", "2011-09-14", "LE4 6BY");
  auto b = f.refer("Harry", "Pemberton", "2013-02-01", "LE5 3QD");
  BOOST_TEST(IdentityFixture::outcomeOf(b) == "new");
  BOOST_TEST(IdentityFixture::youngCarerOf(a) != IdentityFixture::youngCarerOf(b));
}

// A family name of punctuation alone folds to nothing, so "Amira -" and "Amira ." (same date of
// birth and postcode) were linked as one child. Neither is a name: both are refused, and neither
// joins the record of the child who is known.
BOOST_AUTO_TEST_CASE(a_name_of_punctuation_alone_is_refused_and_links_no_one) {
  IdentityFixture f;
  auto known = f.refer("Amira", "Khan", "2012-05-20", "LE2 1AB");
  for (const char* family : {"-", ".", "' -"}) {
    BOOST_TEST_CONTEXT("family name '" << family << "'") {
      auto r = f.call("POST", "/api/v1/referrals",
                      R"({"young_person":{"given_name":"Amira","family_name":")" + std::string(family) +
                          R"(","date_of_birth":"2012-05-20","postcode":"LE2 1AB"},)"
                          R"("caring_summary":"Helps mum with her medication"})",
                      f.caseworker);
      BOOST_TEST(r.isProblem(422));
      BOOST_TEST(r.firstErrorField() == "young_person.family_name");
    }
  }
  BOOST_TEST(f.youngCarerCount() == 1u);
  // Nor can the known child's record be changed to one.
  auto id = std::to_string(IdentityFixture::youngCarerOf(known));
  auto patch = f.call("PATCH", "/api/v1/young-carers/" + id, R"({"family_name":"."})", f.caseworker);
  BOOST_TEST(patch.isProblem(422));
  BOOST_TEST(patch.firstErrorField() == "family_name");
}

BOOST_AUTO_TEST_CASE(twins_go_to_the_review_queue_and_a_rejection_is_remembered) {
  IdentityFixture f;
  auto aisha = f.refer("Aisha", "Khan", "2012-05-20", "LE2 1AB", "120345");
  auto amira = f.refer("Amira", "Khan", "2012-05-20", "LE2 1AB", "120345");
  BOOST_TEST(IdentityFixture::outcomeOf(amira) == "needs_review");
  BOOST_TEST(IdentityFixture::youngCarerOf(amira) != IdentityFixture::youngCarerOf(aisha));

  auto queue = f.call("GET", "/api/v1/matches", "", f.caseworker);
  BOOST_REQUIRE_EQUAL(queue.status, 200);
  auto items = queue.json()->getArray("items");
  BOOST_REQUIRE_EQUAL(items->size(), 1u);
  auto match = items->getObject(0);
  BOOST_TEST(match->getValue<std::string>("status") == "pending");
  BOOST_TEST(match->getObject("young_carer")->getValue<std::string>("given_name") == "Amira");
  BOOST_TEST(match->getObject("candidate")->getValue<std::string>("given_name") == "Aisha");
  BOOST_TEST(match->getArray("evidence")->size() >= 4u);  // each field explained
  BOOST_TEST(match->getArray("cautions")->size() >= 1u);  // why a person must decide

  auto id = std::to_string(match->getValue<Id>("id"));
  auto noReason = f.call("POST", "/api/v1/matches/" + id + "/decision",
                         R"({"same_child":false,"reason":" "})", f.caseworker);
  BOOST_TEST(noReason.status == 422);
  auto decided = f.call("POST", "/api/v1/matches/" + id + "/decision",
                        R"({"same_child":false,"reason":"Twins: checked with the school"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(decided.status == 200, decided.body);
  BOOST_TEST(decided.json()->getValue<std::string>("status") == "rejected");
  auto again = f.call("POST", "/api/v1/matches/" + id + "/decision",
                      R"({"same_child":true,"reason":"changed my mind"})", f.caseworker);
  BOOST_TEST(again.status == 409);
  BOOST_TEST(f.call("GET", "/api/v1/matches", "", f.caseworker).json()->getArray("items")->size() == 0u);
  BOOST_TEST(f.call("GET", "/api/v1/matches?status=bogus", "", f.caseworker).status == 422);
}

BOOST_AUTO_TEST_CASE(confirming_a_possible_match_merges_the_records) {
  IdentityFixture f;
  auto known = f.refer("Jayden", "O'Connor", "2010-11-30", "LE3 9QP");
  // A given name that disagrees is how a twin looks, so a person decides; here it was a typo.
  auto doubtful = f.refer("Kayden", "OConnor", "2010-11-30", "LE3 9QP");
  BOOST_REQUIRE_EQUAL(IdentityFixture::outcomeOf(doubtful), "needs_review");
  BOOST_REQUIRE_EQUAL(doubtful->getObject("identity")->getArray("possible_matches")->size(), 1u);
  auto queue = f.call("GET", "/api/v1/matches", "", f.caseworker).json()->getArray("items");
  BOOST_REQUIRE_EQUAL(queue->size(), 1u);
  auto id = std::to_string(queue->getObject(0)->getValue<Id>("id"));
  auto decided = f.call("POST", "/api/v1/matches/" + id + "/decision",
                        R"({"same_child":true,"reason":"Mum confirmed: they moved in May"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(decided.status == 200, decided.body);
  auto merged = decided.json();
  BOOST_TEST(merged->getValue<std::string>("status") == "confirmed");
  BOOST_TEST(!merged->get("merge_id").isEmpty());
  auto absorbed =
      f.call("GET", "/api/v1/young-carers/" + std::to_string(IdentityFixture::youngCarerOf(doubtful)), "",
             f.caseworker);
  BOOST_REQUIRE_EQUAL(absorbed.status, 200);
  BOOST_TEST(absorbed.json()->getValue<Id>("merged_into") == IdentityFixture::youngCarerOf(known));
}

BOOST_AUTO_TEST_CASE(merge_then_undo_restores_every_record_exactly) {
  IdentityFixture f;
  Id keep = IdentityFixture::youngCarerOf(f.refer("Chloe", "Ferreira", "2012-01-09", "LE1 5WW"));
  Id other = IdentityFixture::youngCarerOf(f.refer("Priya", "Sutherland", "2009-07-21", "LE7 1AA"));
  auto card = f.call("POST", "/api/v1/young-carers/" + std::to_string(other) + "/id-cards",
                     R"({"young_carer_consent":true,"parent_consent":"given","sharing":["medication"]})",
                     f.caseworker);
  BOOST_REQUIRE_MESSAGE(card.status == 201, card.body);
  auto verifyUrl = card.json()->getValue<std::string>("verify_url");
  auto verifyPath = verifyUrl.substr(verifyUrl.find("/verify/"));
  auto verifyJson = [&] {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(f.app->port()));
    Poco::Net::HTTPRequest request("GET", verifyPath, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", "application/json");
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return Poco::JSON::Parser().parse(body).extract<Object::Ptr>()->getValue<std::string>("result");
  };
  BOOST_TEST(verifyJson() == "valid");
  const std::string before = f.rowsOf({keep, other});

  auto merge = f.call("POST", "/api/v1/young-carers/" + std::to_string(keep) + "/merge",
                      R"({"other_id":)" + std::to_string(other) + R"(,"reason":"Same child, two spellings"})",
                      f.caseworker);
  BOOST_REQUIRE_MESSAGE(merge.status == 201, merge.body);
  auto m = merge.json();
  BOOST_TEST(m->getArray("revoked_cards")->size() == 1u);
  BOOST_TEST(verifyJson() != "valid");  // the absorbed record's card no longer works
  BOOST_TEST(f.youngCarerCount() == 1u);
  // Both cases were open: the absorbed one closed as merged, its history kept.
  auto tx = f.app->store().begin(false);
  auto closed = tx->cases().findByYoungCarer(other);
  BOOST_REQUIRE(closed);
  BOOST_TEST((closed->state == CaseState::closed));
  BOOST_TEST((closed->closeReason == CloseReason::merged));
  tx.reset();
  BOOST_TEST(f.rowsOf({keep, other}) != before);
  auto twice = f.call("POST", "/api/v1/young-carers/" + std::to_string(keep) + "/merge",
                      R"({"other_id":)" + std::to_string(other) + R"(,"reason":"again"})", f.caseworker);
  BOOST_TEST(twice.status == 409);
  auto self = f.call("POST", "/api/v1/young-carers/" + std::to_string(keep) + "/merge",
                     R"({"other_id":)" + std::to_string(keep) + R"(,"reason":"oops"})", f.caseworker);
  BOOST_TEST(self.status == 422);

  auto mergeId = std::to_string(m->getValue<Id>("id"));
  auto undo = f.call("POST", "/api/v1/merges/" + mergeId + "/undo",
                     R"({"reason":"Different children after all"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(undo.status == 200, undo.body);
  BOOST_TEST(!undo.json()->get("undone_at").isEmpty());
  BOOST_TEST(f.rowsOf({keep, other}) == before);  // byte for byte
  BOOST_TEST(verifyJson() == "valid");
  BOOST_TEST(f.youngCarerCount() == 2u);
  BOOST_TEST(
      f.call("POST", "/api/v1/merges/" + mergeId + "/undo", R"({"reason":"again"})", f.caseworker).status ==
      409);
  // The trail says who merged and who undid it, and why.
  auto audit = f.app->store().begin(false)->audit().query({});
  std::set<std::string> actions;
  for (const auto& e : audit.items) actions.insert(e.action);
  BOOST_TEST(actions.count("young_carer.merge") == 1u);
  BOOST_TEST(actions.count("young_carer.merge_undo") == 1u);
  BOOST_TEST(actions.count("id_card.revoke") == 1u);
}

BOOST_AUTO_TEST_CASE(undo_is_refused_when_a_later_merge_moved_the_same_rows) {
  IdentityFixture f;
  Id a = IdentityFixture::youngCarerOf(f.refer("Leo", "Hughes", "2012-03-03", "LE2 2AA"));
  Id b = IdentityFixture::youngCarerOf(f.refer("Ruby", "Castellano", "2010-10-10", "LE4 4BB"));
  Id c = IdentityFixture::youngCarerOf(f.refer("Tia", "Mensah", "2008-08-08", "LE3 6DD"));
  auto first = f.call("POST", "/api/v1/young-carers/" + std::to_string(a) + "/merge",
                      R"({"other_id":)" + std::to_string(b) + R"(,"reason":"one child"})", f.caseworker);
  BOOST_REQUIRE_EQUAL(first.status, 201);
  auto second =
      f.call("POST", "/api/v1/young-carers/" + std::to_string(c) + "/merge",
             R"({"other_id":)" + std::to_string(a) + R"(,"reason":"also the same child"})", f.caseworker);
  BOOST_REQUIRE_EQUAL(second.status, 201);
  const std::string now = f.rowsOf({a, b, c});
  auto undo = f.call("POST", "/api/v1/merges/" + std::to_string(first.json()->getValue<Id>("id")) + "/undo",
                     R"({"reason":"wrong"})", f.caseworker);
  BOOST_TEST(undo.status == 409);
  BOOST_TEST(undo.body.find("changed since the merge") != std::string::npos);
  BOOST_TEST(f.rowsOf({a, b, c}) == now);  // nothing half-done
  // Undoing the later merge first, then the earlier one, works.
  BOOST_TEST(f.call("POST", "/api/v1/merges/" + std::to_string(second.json()->getValue<Id>("id")) + "/undo",
                    R"({"reason":"wrong"})", f.caseworker)
                 .status == 200);
  BOOST_TEST(f.call("POST", "/api/v1/merges/" + std::to_string(first.json()->getValue<Id>("id")) + "/undo",
                    R"({"reason":"wrong"})", f.caseworker)
                 .status == 200);
  BOOST_TEST(f.youngCarerCount() == 3u);
}

BOOST_AUTO_TEST_CASE(the_index_is_rebuilt_from_the_register_at_start) {
  IdentityFixture f;
  Id first = IdentityFixture::youngCarerOf(f.refer("Mohammed", "Al-Amin", "2012-04-03", "LE2 7GH", "120345"));
  f.app.reset();
  auto created = App::create(f.config, f.clock, f.ids);
  BOOST_REQUIRE(created);
  f.app = std::move(created.value());
  BOOST_REQUIRE(f.app->start());
  BOOST_TEST(f.app->resolver().size() == 1u);
  f.caseworker = f.signIn("casey.worker");
  auto again = f.refer("Mohamed", "Alamin", "2012-04-03", "LE2 7HG", "120345");
  BOOST_TEST(IdentityFixture::outcomeOf(again) == "linked");
  BOOST_TEST(IdentityFixture::youngCarerOf(again) == first);
}

BOOST_AUTO_TEST_CASE(an_instance_sees_records_another_instance_created) {
  IdentityFixture f;
  // A second service over the same database, as when several instances share one.
  Config second = f.config;
  auto other = App::create(second, f.clock, f.ids);
  BOOST_REQUIRE(other);
  BOOST_REQUIRE(other.value()->start());
  auto first = f.refer("Mohammed", "Al-Amin", "2012-04-03", "LE2 7GH", "120345");
  BOOST_TEST(other.value()->resolver().size() == 0u);  // built before the referral arrived
  std::swap(f.app, other.value());
  f.caseworker = f.signIn("casey.worker");
  auto again = f.refer("Mohamed", "Alamin", "2012-04-03", "LE2 7HG", "120345");
  BOOST_TEST(IdentityFixture::outcomeOf(again) == "linked");
  BOOST_TEST(IdentityFixture::youngCarerOf(again) == IdentityFixture::youngCarerOf(first));
  std::swap(f.app, other.value());
}

// Households (issue 21): a merge moves the absorbed record's people cared for with their household
// links, and its undo puts every row back exactly, person links included.
BOOST_AUTO_TEST_CASE(merge_then_undo_carries_the_household) {
  IdentityFixture f;
  Id keep = IdentityFixture::youngCarerOf(f.refer("Chloe", "Ferreira", "2012-01-09", "LE1 5WW"));
  Id other = IdentityFixture::youngCarerOf(f.refer("Priya", "Sutherland", "2009-07-21", "LE7 1AA"));
  Id sibling = IdentityFixture::youngCarerOf(f.refer("Tomas", "Nowak", "2010-03-03", "LE4 2BB"));
  auto mumOf = [&](Id yc) { return f.app->store().begin(false)->youngCarers().caredFor(yc).front(); };
  const auto keepMum = mumOf(keep);
  // The sibling and the record to be absorbed both care for the kept record's mum.
  for (Id yc : {sibling, other}) {
    auto linked = f.call("PUT",
                         "/api/v1/young-carers/" + std::to_string(yc) + "/cared-for/" +
                             std::to_string(mumOf(yc).id) + "/household",
                         R"({"same_as_cared_for_person":)" + std::to_string(keepMum.id) + "}", f.caseworker);
    BOOST_REQUIRE_MESSAGE(linked.status == 200, linked.body);
  }
  const auto otherMum = mumOf(other);
  BOOST_TEST(otherMum.personId == keepMum.personId);
  const std::string before = f.rowsOf({keep, other, sibling});
  BOOST_TEST(before.find("person_id") != std::string::npos);  // the link is part of what is restored
  auto siblingCase = [&] {
    auto tx = f.app->store().begin(false);
    return f.call("GET", "/api/v1/cases/" + std::to_string(tx->cases().findByYoungCarer(sibling)->id), "",
                  f.caseworker);
  };
  auto othersOfSibling = [&] {
    auto c = siblingCase();
    BOOST_REQUIRE_EQUAL(c.status, 200);
    std::set<Id> ids;
    auto others = c.json()->getArray("household")->getObject(0)->getArray("other_young_carers");
    for (std::size_t i = 0; i < others->size(); ++i)
      ids.insert(others->getObject(static_cast<unsigned>(i))->getValue<Id>("young_carer_id"));
    return ids;
  };
  BOOST_TEST((othersOfSibling() == std::set<Id>{keep, other}));

  auto merge = f.call("POST", "/api/v1/young-carers/" + std::to_string(keep) + "/merge",
                      R"({"other_id":)" + std::to_string(other) + R"(,"reason":"Same child"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(merge.status == 201, merge.body);
  // The absorbed record's row is the survivor's now, still the same person: one child in the household.
  auto moved = f.app->store().begin(false)->youngCarers().findCaredFor(otherMum.id);
  BOOST_REQUIRE(moved);
  BOOST_TEST(moved->youngCarerId == keep);
  BOOST_TEST(moved->personId == keepMum.personId);
  BOOST_TEST((othersOfSibling() == std::set<Id>{keep}));

  auto undo = f.call("POST", "/api/v1/merges/" + std::to_string(merge.json()->getValue<Id>("id")) + "/undo",
                     R"({"reason":"Different children after all"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(undo.status == 200, undo.body);
  BOOST_TEST(f.rowsOf({keep, other, sibling}) == before);  // byte for byte, household links included
  BOOST_TEST((othersOfSibling() == std::set<Id>{keep, other}));
}

BOOST_AUTO_TEST_SUITE_END()
