#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "usecases/import_fixture.h"

using namespace ycr;
using namespace ycr::services;
using ycr::test_support::variants;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kSchoolFile =
    "Ref,First name,Surname,DOB,Post code,School URN,Address\r\n"
    "S1,Mohammed,Al-Amin,3/4/2012,LE2 7GH,120001,12 Mere Road\r\n"
    "S2,Amy,Smith,not a date,LE3 1AA,120002,\r\n"
    "S3,Chloe,Barker,2011-11-30,LE4 BAD,120003,4 Hill Street\r\n"
    "S4,Mohamed,Alamin,20120403,LE2 7GH,120001,12 Mere Rd\r\n"
    "S5,Olivia,Nowak,14/02/2010,LE5 6YR,120004,\"Flat 2,\r\n9 Park Lane\"\r\n";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bulk_import, test_support::ImportFixture)

BOOST_AUTO_TEST_CASE(every_row_is_reported_once_with_its_outcome_and_reasons) {
  auto s = import(kSchoolFile, "school");
  BOOST_REQUIRE_EQUAL(s.rows.size(), 5u);
  BOOST_TEST(s.rows[0].outcome == ImportOutcome::new_record);
  BOOST_TEST(s.rows[1].outcome == ImportOutcome::rejected);
  BOOST_TEST(s.rows[1].reason.find("date_of_birth") != std::string::npos);
  BOOST_TEST(!s.rows[1].youngCarerId);
  // A bad postcode: the child is on the register without it, and the report says so.
  BOOST_TEST(s.rows[2].outcome == ImportOutcome::new_record);
  BOOST_REQUIRE(s.rows[2].youngCarerId);
  BOOST_REQUIRE_EQUAL(s.rows[2].flagged.size(), 1u);
  BOOST_TEST(s.rows[2].flagged[0].rfind("postcode: 'LE4 BAD'", 0) == 0);
  {
    auto tx = store->begin(false);
    auto chloe = tx->youngCarers().findById(*s.rows[2].youngCarerId);
    BOOST_REQUIRE(chloe);
    BOOST_TEST(chloe->postcode == "");
    BOOST_TEST(chloe->schoolUrn == "120003");
  }
  // The second row about Mohammed joins the first: one record per child.
  BOOST_TEST(s.rows[3].outcome == ImportOutcome::linked);
  BOOST_CHECK(s.rows[3].youngCarerId == s.rows[0].youngCarerId);
  BOOST_TEST(s.rows[3].reason.find("same child as line 2") != std::string::npos);
  BOOST_REQUIRE(s.rows[3].score);
  BOOST_TEST(*s.rows[3].score >= resolver->thresholds().link);
  BOOST_TEST(s.rows[4].line == 6u);
  BOOST_TEST(s.rows[4].outcome == ImportOutcome::new_record);
  BOOST_TEST(s.count(ImportOutcome::new_record) == 3u);
  BOOST_TEST(s.count(ImportOutcome::linked) == 1u);
  BOOST_TEST(s.count(ImportOutcome::rejected) == 1u);
  BOOST_TEST(count("young_carers") == 3u);

  // The report: a header and one row per input row, readable as CSV again.
  auto report = parseCsv(formatImportReport(s.rows));
  BOOST_REQUIRE(report);
  BOOST_TEST(
      report->header == (std::vector<std::string>{"line", "source_ref", "outcome", "young_carer_id",
                                                  "matched_score", "reason", "flagged_fields", "may_be"}),
      boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(report->records.size(), 5u);
  BOOST_TEST(report->records[1].fields[0] == "3");
  BOOST_TEST(report->records[1].fields[1] == "S2");
  BOOST_TEST(report->records[1].fields[2] == "rejected");
  BOOST_TEST(report->records[1].fields[5].find("not a date") != std::string::npos);
  BOOST_TEST(report->records[2].fields[6].find("postcode") != std::string::npos);
  BOOST_TEST(report->records[3].fields[2] == "linked");
  BOOST_TEST(report->records[3].fields[3] == std::to_string(*s.rows[0].youngCarerId));
}

BOOST_AUTO_TEST_CASE(re_running_the_same_file_creates_nothing_new) {
  auto first = import(kSchoolFile, "school");
  const auto youngCarers = count("young_carers");
  const auto imports = count("import_rows");
  auto again = import(kSchoolFile, "school");
  BOOST_TEST(count("young_carers") == youngCarers);
  BOOST_TEST(count("import_rows") == imports);
  BOOST_REQUIRE_EQUAL(again.rows.size(), first.rows.size());
  for (std::size_t i = 0; i < again.rows.size(); ++i) {
    if (first.rows[i].outcome == ImportOutcome::rejected) {
      BOOST_TEST(again.rows[i].outcome == ImportOutcome::rejected);  // still wrong, still reported
      continue;
    }
    BOOST_TEST(again.rows[i].outcome == ImportOutcome::already_imported);
    BOOST_CHECK(again.rows[i].youngCarerId == first.rows[i].youngCarerId);
  }
  // Without a reference column the line numbers are the references: the same file, unchanged,
  // is still recognised.
  const std::string noRefs =
      "forename,surname,dob,postcode\nJack,Taylor,2013-05-06,WA7 1AB\nLily,Evans,2014-06-07,WA7 2CD\n";
  auto a = import(noRefs, "gp");
  auto b = import(noRefs, "gp");
  BOOST_TEST(a.rows[0].sourceRef == "line 2");
  BOOST_TEST(b.count(ImportOutcome::already_imported) == 2u);
  BOOST_TEST(count("young_carers") == youngCarers + 2);
}

BOOST_AUTO_TEST_CASE(a_batch_the_database_refuses_stops_the_import_and_keeps_the_batches_before_it) {
  // Batches are written on a thread of their own while the next is decided: when the third of four
  // fails, the two before it stay imported, the fourth (already decided) is not written, the report
  // says where to resume, and re-running the file imports the rest.
  execSql(
      "CREATE TRIGGER refuse_for_test BEFORE INSERT ON young_carers WHEN NEW.given_name = 'Refused' "
      "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
  const std::string file =
      "Ref,First name,Surname,DOB,Post code\n"
      "R1,Jack,Taylor,2013-05-06,WA7 1AB\n"
      "R2,Lily,Evans,2014-06-07,WA7 2CD\n"
      "R3,Noah,Okafor,2012-01-02,LE2 7GH\n"
      "R4,Ava,Kowalski,2011-03-04,LE3 1AA\n"
      "R5,Refused,Byrne,2010-05-06,LE4 1AA\n"
      "R6,Isla,Morgan,2013-07-08,LE5 6YR\n"
      "R7,Leo,Hughes,2012-09-10,TA1 1AA\n"
      "R8,Mia,Patel,2014-11-12,TA2 2BB\n";
  auto t = parseCsv(file);
  auto m = mapColumns(t->header, {}, registerRequiredFields());
  ImportOptions o;
  o.source = "school";
  o.batchSize = 2;
  auto failed = Importer(*store, *resolver, clock, variants()).run(*t, *m, o);
  BOOST_REQUIRE(!failed);
  BOOST_TEST(failed.error().detail.find("The import could not be completed: ") != std::string::npos);
  BOOST_TEST(failed.error().detail.find("lines before 6 were imported") != std::string::npos);
  BOOST_TEST(count("young_carers") == 4u);
  BOOST_TEST(count("import_rows") == 4u);
  execSql("DROP TRIGGER refuse_for_test");
  auto again = import(file, "school", false, 2);
  BOOST_TEST(again.count(ImportOutcome::already_imported) == 4u);
  BOOST_TEST(again.count(ImportOutcome::new_record) == 4u);
  BOOST_TEST(count("young_carers") == 8u);
  // Every row's record is the one it names, and the records of the refused batch were never
  // filed in the index: nothing links to them.
  for (const auto& r : again.rows) BOOST_TEST(r.youngCarerId.has_value());
  BOOST_TEST(again.count(ImportOutcome::linked) == 0u);
}

BOOST_AUTO_TEST_CASE(a_child_another_instance_registers_during_an_import_is_found_by_later_rows) {
  // The web service registers William while the import is at its first row; the import's index
  // catches up between batches, so "Will" further down the file (not the same identity exactly,
  // so only the matcher can find him) joins that record instead of starting a second one.
  const std::string file =
      "Ref,First name,Surname,DOB,Post code,School URN\n"
      "R1,Jack,Taylor,2013-05-06,WA7 1AB,120009\n"
      "R2,Lily,Evans,2014-06-07,WA7 2CD,120008\n"
      "R3,Noah,Okafor,2012-01-02,LE3 7GH,120007\n"
      "R4,Ava,Kowalski,2011-03-04,LE3 1AA,120006\n"
      "R5,Isla,Byrne,2010-05-06,LE4 1AA,120005\n"
      "R6,Leo,Morgan,2013-07-08,LE5 6YR,120004\n"
      "R7,Mia,Hughes,2012-09-10,TA1 1AA,120003\n"
      "R8,Will,Okafor,2011-07-09,LE2 7GH,120001\n";
  auto t = parseCsv(file);
  auto m = mapColumns(t->header, {}, registerRequiredFields());
  auto other = storage::SqliteStore::open({(dir / "ycr.db").string(), 1, 5000});
  BOOST_REQUIRE(other);
  std::optional<Id> william;
  ImportOptions o;
  o.source = "school";
  o.batchSize = 2;
  o.progress = [&](std::size_t done, std::size_t) {
    if (done != 1) return;
    auto tx = other.value()->begin(true);
    auto id = tx->youngCarers().create(youngCarer("William", "Okafor", "2011-07-09", "LE2 7GH", "120001"));
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(tx->commit());
    william = *id;
  };
  auto s = Importer(*store, *resolver, clock, variants()).run(*t, *m, o);
  BOOST_REQUIRE(s);
  BOOST_REQUIRE(william);
  BOOST_TEST(s->rows[7].outcome == ImportOutcome::linked);
  BOOST_CHECK(s->rows[7].youngCarerId == william);
  BOOST_TEST(count("young_carers") == 8u);  // seven new children and William
}

BOOST_AUTO_TEST_CASE(a_row_about_a_child_on_the_register_links_and_leaves_the_record_unchanged) {
  Id known = registered("William", "Okafor", "2011-07-09", "LE2 7GH", "120001");
  YoungCarer before;
  {
    auto tx = store->begin(false);
    before = *tx->youngCarers().findById(known);
  }
  auto s = import(
      "ID,Forename,Surname,Date of birth,Postcode,School URN\nG7,Will,OKAFOR,09/07/2011,le2 7gh,120001\n",
      "gp");
  BOOST_REQUIRE_EQUAL(s.rows.size(), 1u);
  BOOST_TEST(s.rows[0].outcome == ImportOutcome::linked);
  BOOST_CHECK(s.rows[0].youngCarerId == known);
  BOOST_TEST(count("young_carers") == 1u);
  auto tx = store->begin(false);
  auto after = tx->youngCarers().findById(known);
  BOOST_TEST(after->givenName == before.givenName);
  BOOST_CHECK(after->updatedAt == before.updatedAt);
  auto recorded = tx->imports().find("gp", "G7");
  BOOST_REQUIRE(recorded);
  BOOST_TEST(recorded->outcome == "linked");
  BOOST_CHECK(recorded->youngCarerId == known);
}

BOOST_AUTO_TEST_CASE(exact_identity_links_before_the_matcher_is_asked) {
  Id known = registered("Amy", "Smith", "2012-04-03", "LE2 7GH");
  auto s = import(
      "Ref,First name,Surname,DOB,Postcode\nE1,AMY,smith,3/4/2012,le2 7gh\nE2,Amy,Smith,3/4/2012,\n", "gp");
  BOOST_TEST(s.rows[0].outcome == ImportOutcome::linked);
  BOOST_CHECK(s.rows[0].youngCarerId == known);
  BOOST_TEST(s.rows[0].reason == "same names, date of birth and postcode");
  // Without a postcode, names and a birthday are not taken as exact identity; the matcher decides.
  BOOST_TEST(s.rows[1].reason != "same names, date of birth and postcode");
}

BOOST_AUTO_TEST_CASE(a_possible_match_creates_a_record_and_queues_it_for_review) {
  // Twins look like this: same family, birthday, address and school, different given names.
  Id amy = registered("Amy", "Smith", "2012-04-03", "LE2 7GH", "120001");
  auto s = import("Ref,First name,Surname,DOB,Postcode,School URN\nS9,Ben,Smith,2012-04-03,LE2 7GH,120001\n",
                  "school");
  BOOST_REQUIRE_EQUAL(s.rows.size(), 1u);
  BOOST_TEST(s.rows[0].outcome == ImportOutcome::needs_review);
  BOOST_REQUIRE(s.rows[0].youngCarerId);
  BOOST_TEST(*s.rows[0].youngCarerId != amy);
  BOOST_TEST(s.rows[0].reason.find("record " + std::to_string(amy)) != std::string::npos);
  auto tx = store->begin(false);
  MatchReviewQuery q;
  q.youngCarerId = *s.rows[0].youngCarerId;
  auto queue = tx->matchReviews().list(q);
  BOOST_REQUIRE_EQUAL(queue.items.size(), 1u);
  BOOST_TEST(queue.items[0].candidateId == amy);
  BOOST_TEST(queue.items[0].source == "import school ref S9");
}

BOOST_AUTO_TEST_CASE(a_dry_run_writes_nothing_but_resolves_the_file_as_a_real_run_would) {
  registered("William", "Okafor", "2011-07-09", "LE2 7GH", "120001");
  const std::string file = std::string(kSchoolFile) + "S6,Will,Okafor,2011-07-09,LE2 7GH,120001,\r\n";
  const auto youngCarers = count("young_carers");
  const auto audit = count("audit");
  const auto indexed = resolver->size();
  auto dry = import(file, "school", true, 2);
  BOOST_TEST(count("young_carers") == youngCarers);
  BOOST_TEST(count("import_rows") == 0u);
  BOOST_TEST(count("audit") == audit);
  BOOST_TEST(resolver->size() == indexed);  // the provisional records are gone from the index
  auto real = import(file, "school", false, 2);
  BOOST_REQUIRE_EQUAL(dry.rows.size(), real.rows.size());
  for (std::size_t i = 0; i < dry.rows.size(); ++i) {
    BOOST_TEST(toString(dry.rows[i].outcome) == toString(real.rows[i].outcome));
    BOOST_TEST(dry.rows[i].flagged == real.rows[i].flagged, boost::test_tools::per_element());
  }
  BOOST_TEST(dry.rows[3].outcome == ImportOutcome::linked);  // within the file, in memory
  BOOST_TEST(!dry.rows[3].youngCarerId);                     // nothing was created to link to
  BOOST_TEST(dry.rows[5].outcome == ImportOutcome::linked);
  BOOST_CHECK(dry.rows[5].youngCarerId == real.rows[5].youngCarerId);  // a record on the register
}

BOOST_AUTO_TEST_CASE(after_a_dry_run_the_index_still_catches_up_with_records_other_instances_write) {
  import(kSchoolFile, "school", true);
  // Another instance sharing the database registers a child: written, never filed in this index.
  YoungCarer elsewhere = youngCarer("William", "Okafor", "2011-07-09", "LE2 7GH", "120001");
  Id id = 0;
  {
    auto tx = store->begin(true);
    auto created = tx->youngCarers().create(elsewhere);
    BOOST_REQUIRE(created);
    BOOST_REQUIRE(tx->commit());
    id = *created;
  }
  // This instance's next referral catches up before matching (Register::resolveIdentity), and finds them.
  const auto indexed = resolver->size();
  {
    auto tx = store->begin(false);
    resolver->catchUp(*tx);
  }
  BOOST_TEST(resolver->size() == indexed + 1);
  YoungCarer referred = elsewhere;
  referred.givenName = "Will";
  auto resolution = resolver->resolve(personOf(referred));
  BOOST_TEST(std::string(toString(resolution.decision)) == "link");
  BOOST_CHECK(resolution.linkTo == id);
}

BOOST_AUTO_TEST_CASE(filing_a_record_never_hides_older_records_another_instance_wrote) {
  // Another instance registers two children; this instance files the newer one without catching up first
  // (as a merge does with its survivor, or an import with the records it creates), then catches up: the
  // older one must still be found.
  auto child = [&](const char* given, const char* family, const char* born) {
    YoungCarer y = youngCarer(given, family, born, "LE2 7GH");
    auto tx = store->begin(true);
    y.id = tx->youngCarers().create(y).value();
    BOOST_REQUIRE(tx->commit());
    return y;
  };
  const auto indexed = resolver->size();
  const YoungCarer older = child("Zainab", "Haidari", "2012-02-14");
  const YoungCarer newer = child("Tomasz", "Wiśniewski", "2010-11-30");
  resolver->filed(newer);
  {
    auto tx = store->begin(false);
    resolver->catchUp(*tx);
  }
  BOOST_TEST(resolver->size() == indexed + 2);
  YoungCarer referred = older;  // a referral about her, not yet on the register
  referred.id = 0;
  auto resolution = resolver->resolve(personOf(referred));
  BOOST_TEST(std::string(toString(resolution.decision)) == "link");
  BOOST_CHECK(resolution.linkTo == older.id);
}

// What another instance sharing the database writes, straight through the store.
struct OtherInstance {
  storage::SqliteStore& store;
  Timestamp at;
  YoungCarer create(const char* given, const char* family, const char* born, const char* postcode) {
    YoungCarer y;
    y.givenName = given;
    y.familyName = family;
    y.dateOfBirth = *parseIsoDate(born);
    y.postcode = postcode;
    y.createdAt = y.updatedAt = at;
    auto tx = store.begin(true);
    y.id = tx->youngCarers().create(y).value();
    BOOST_REQUIRE(tx->commit());
    return y;
  }
  void update(const YoungCarer& y) {
    auto tx = store.begin(true);
    BOOST_REQUIRE(tx->youngCarers().update(y));
    BOOST_REQUIRE(tx->commit());
  }
};

BOOST_AUTO_TEST_CASE(a_correction_another_instance_made_reaches_this_index_at_its_next_catch_up) {
  OtherInstance other{*store, clock.now()};
  YoungCarer aisha = other.create("Aisha", "Begum", "2009-11-20", "WA7 1SP");
  auto catchUp = [&] {
    auto tx = store->begin(false);
    resolver->catchUp(*tx);
  };
  catchUp();
  aisha.familyName = "Rahman";  // her family name corrected elsewhere
  other.update(aisha);
  catchUp();
  YoungCarer referred = aisha;
  referred.id = 0;
  auto resolution = resolver->resolve(personOf(referred));
  BOOST_TEST(std::string(toString(resolution.decision)) == "link");
  BOOST_CHECK(resolution.linkTo == aisha.id);
  // The old spelling is no longer on her record, so it no longer links to it.
  referred.familyName = "Begum";
  BOOST_TEST(std::string(toString(resolver->resolve(personOf(referred)).decision)) != "link");
}

BOOST_AUTO_TEST_CASE(exact_identity_finds_a_child_another_instance_registered_just_before_the_import) {
  // Registered elsewhere after this resolver loaded, before the import starts: the import catches
  // up first, so the child is known by exact identity, not left to a matcher that never saw them.
  OtherInstance other{*store, clock.now()};
  const YoungCarer known = other.create("Niamh", "O'Sullivan-Reid", "2010-06-15", "WA7 1SP");
  auto s = import("Ref,First name,Surname,DOB,Postcode\nE1,NIAMH,o'sullivan reid,15/6/2010,wa71sp\n", "gp");
  BOOST_REQUIRE_EQUAL(s.rows.size(), 1u);
  BOOST_TEST(s.rows[0].outcome == ImportOutcome::linked);
  BOOST_CHECK(s.rows[0].youngCarerId == known.id);
  BOOST_TEST(s.rows[0].reason == "same names, date of birth and postcode");
}

BOOST_AUTO_TEST_CASE(a_row_with_the_identity_of_a_merged_record_links_to_the_record_it_was_merged_into) {
  OtherInstance other{*store, clock.now()};
  const YoungCarer survivor = other.create("Kacper", "Nowak", "2011-05-09", "LE4 5TB");
  YoungCarer absorbed = other.create("Imogen", "Fairweather", "2013-08-17", "TA1 4DY");
  absorbed.mergedInto = survivor.id;
  other.update(absorbed);
  // A resolver that starts after the merge reads the absorbed record's identity with the register's.
  resolver = std::make_unique<IdentityResolver>(variants(), IdentitySettings{});
  BOOST_REQUIRE(resolver->load(*store));
  auto s = import("Ref,First name,Surname,DOB,Postcode\nM1,Imogen,Fairweather,17/08/2013,TA1 4DY\n", "gp");
  BOOST_REQUIRE_EQUAL(s.rows.size(), 1u);
  BOOST_TEST(s.rows[0].outcome == ImportOutcome::linked);
  BOOST_CHECK(s.rows[0].youngCarerId == survivor.id);
  BOOST_TEST(s.rows[0].reason == "same names, date of birth and postcode");
  BOOST_TEST(count("young_carers") == 1u);
}

BOOST_AUTO_TEST_CASE(a_merge_and_its_undo_by_another_instance_reach_this_index) {
  OtherInstance other{*store, clock.now()};
  const YoungCarer survivor = other.create("Kacper", "Nowak", "2011-05-09", "LE4 5TB");
  YoungCarer absorbed = other.create("Imogen", "Fairweather", "2013-08-17", "TA1 4DY");
  auto catchUp = [&] {
    auto tx = store->begin(false);
    resolver->catchUp(*tx);
  };
  catchUp();
  const auto indexed = resolver->size();
  auto proposes = [&](const YoungCarer& y) {
    YoungCarer probe = y;
    probe.id = 0;
    for (const auto& c : resolver->candidatesFor(probe, 10))
      if (c.id == y.id) return true;
    return false;
  };
  BOOST_TEST(proposes(absorbed));
  absorbed.mergedInto = survivor.id;  // merged into another record elsewhere
  other.update(absorbed);
  catchUp();
  BOOST_TEST(resolver->size() == indexed - 1);
  BOOST_TEST(!proposes(absorbed));
  absorbed.mergedInto.reset();  // and the merge undone
  other.update(absorbed);
  catchUp();
  BOOST_TEST(resolver->size() == indexed);
  BOOST_TEST(proposes(absorbed));
}

BOOST_AUTO_TEST_CASE(when_the_change_log_no_longer_reaches_its_mark_the_index_reads_the_register_again) {
  OtherInstance other{*store, clock.now()};
  const auto indexed = resolver->size();
  YoungCarer first = other.create("Oluwaseun", "Adeyemi", "2010-03-02", "LE2 7GH");
  other.create("Siobhan", "O'Connor", "2012-12-24", "WA7 1SP");
  first.givenName = "Seun";
  other.update(first);
  {
    auto tx = store->begin(true);
    tx->youngCarers().pruneChanges(1);  // only the last change is left
    BOOST_REQUIRE(tx->commit());
  }
  {
    auto tx = store->begin(false);
    resolver->catchUp(*tx);
  }
  BOOST_TEST(resolver->size() == indexed + 2);
  YoungCarer referred = first;
  referred.id = 0;
  auto resolution = resolver->resolve(personOf(referred));
  BOOST_TEST(std::string(toString(resolution.decision)) == "link");
  BOOST_CHECK(resolution.linkTo == first.id);
}

BOOST_AUTO_TEST_CASE(every_created_record_is_audited_and_the_chain_verifies) {
  const auto before = count("audit");
  auto s = import(kSchoolFile, "school", false, 2);
  auto verified = store->verifyAudit();
  BOOST_REQUIRE_MESSAGE(verified, (verified ? "" : verified.error().detail));
  // One event per record created, one per batch (three batches of at most two rows).
  BOOST_TEST(count("audit") == before + s.count(ImportOutcome::new_record) + 3);
  auto tx = store->begin(false);
  AuditQuery q;
  q.recordType = "young_carer";
  q.recordId = std::to_string(*s.rows[0].youngCarerId);
  auto events = tx->audit().query(q);
  BOOST_REQUIRE_EQUAL(events.items.size(), 1u);
  BOOST_TEST(events.items[0].action == "young_carer.create");
  BOOST_TEST(events.items[0].detail.find("import school ref S1 line 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(repeated_references_within_a_file_are_rejected_not_merged) {
  auto s =
      import("Ref,Forename,Surname,DOB\nA1,Jack,Taylor,2013-05-06\nA1,Lily,Evans,2014-06-07\n", "school");
  BOOST_TEST(s.rows[0].outcome == ImportOutcome::new_record);
  BOOST_TEST(s.rows[1].outcome == ImportOutcome::rejected);
  BOOST_TEST(s.rows[1].reason.find("also on line 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_source_is_required) {
  auto t = parseCsv("forename,surname,dob\nJack,Taylor,2013-05-06\n");
  auto m = mapColumns(t->header, {});
  auto r = Importer(*store, *resolver, clock, variants()).run(*t, *m, ImportOptions{});
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().fields.at(0).field == "source");
  BOOST_TEST(count("young_carers") == 0u);
}

BOOST_AUTO_TEST_CASE(the_number_of_matching_threads_changes_nothing) {
  // Two sources about the same children, the second imported on top of the first, so rows link
  // to the register and to earlier rows of their own batch.
  const std::string school = slurp(std::string(YCR_SOURCE_DIR) + "/tests/data/linkage/school.csv");
  const std::string gp = slurp(std::string(YCR_SOURCE_DIR) + "/tests/data/linkage/gp.csv");
  test_support::ImportFixture sequential;
  auto a1 = sequential.import(school, "school", false, 500, {}, 1);
  auto a2 = sequential.import(gp, "gp", false, 500, {}, 1);
  auto b1 = import(school, "school", false, 500, {}, 4);
  auto b2 = import(gp, "gp", false, 500, {}, 4);
  for (const auto& [a, b] : {std::pair{&a1, &b1}, std::pair{&a2, &b2}}) {
    BOOST_REQUIRE_EQUAL(a->rows.size(), b->rows.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < a->rows.size(); ++i)
      if (a->rows[i].outcome != b->rows[i].outcome || a->rows[i].youngCarerId != b->rows[i].youngCarerId ||
          a->rows[i].score != b->rows[i].score || a->rows[i].reason != b->rows[i].reason) {
        if (++differing < 6)
          BOOST_TEST_MESSAGE("line " << a->rows[i].line << ": " << a->rows[i].outcome << " "
                                     << a->rows[i].score.value_or(-1) << " vs " << b->rows[i].outcome << " "
                                     << b->rows[i].score.value_or(-1));
      }
    BOOST_TEST(differing == 0u);
  }
  BOOST_TEST(a2.count(ImportOutcome::linked) > 1000u);
  BOOST_TEST(a1.count(ImportOutcome::linked) > 30u);  // a school's own duplicate rows
  BOOST_TEST(count("young_carers") == sequential.count("young_carers"));
}

BOOST_AUTO_TEST_CASE(a_child_seen_again_in_later_batches_joins_the_first_record) {
  // Rows are matched a batch ahead, against the index as it stood before the previous batch was
  // filed; the records created in the previous batch and in the row's own batch are scored
  // separately. So the same child in batches 1 to 4 (two rows a batch) must each time be linked
  // to the record the first row created, however many threads match.
  const std::string file =
      "Ref,First name,Surname,DOB,Post code,School URN,Address\n"
      "A1,Mohammed,Al-Amin,3/4/2012,LE2 7GH,120001,12 Mere Road\n"
      "B1,Olivia,Nowak,14/02/2010,LE5 6YR,120004,9 Park Lane\n"
      "A2,Mohamed,Alamin,20120403,LE2 7GH,120001,12 Mere Rd\n"
      "C1,Chloe,Barker,2011-11-30,LE4 1AA,120003,4 Hill Street\n"
      "A3,Muhammad,Al Amin,2012-04-03,LE2 7GH,120001,12 Mere Road\n"
      "B2,Olivia,Nowak-Smith,2010-02-14,LE5 6YR,120004,9 Park Lane\n"
      "A4,Mohammed,Al-Amin,03/04/2012,LE2 7HG,120001,12 Mere Road\n";
  for (unsigned threads : {1u, 3u}) {
    test_support::ImportFixture f;
    auto s = f.import(file, "school", false, 2, {}, threads);
    BOOST_REQUIRE_EQUAL(s.rows.size(), 7u);
    BOOST_TEST(s.count(ImportOutcome::new_record) == 3u);
    BOOST_TEST(s.count(ImportOutcome::linked) == 4u);
    for (std::size_t row : {2u, 4u, 6u}) {
      BOOST_TEST_CONTEXT("row " << s.rows[row].sourceRef << ", " << threads << " threads") {
        BOOST_TEST(s.rows[row].outcome == ImportOutcome::linked);
        BOOST_CHECK(s.rows[row].youngCarerId == s.rows[0].youngCarerId);
        BOOST_TEST(s.rows[row].reason.find("same child as line 2") != std::string::npos);
      }
    }
    BOOST_TEST(s.rows[5].outcome == ImportOutcome::linked);
    BOOST_CHECK(s.rows[5].youngCarerId == s.rows[1].youngCarerId);
    BOOST_TEST(f.count("young_carers") == 3u);
    // Every record created is in the index afterwards: another source's row finds them.
    auto again = f.import("Ref,First name,Surname,DOB,Post code\nG1,Cloe,Barker,30/11/2011,LE4 1AA\n", "gp");
    BOOST_TEST(again.rows.at(0).outcome == ImportOutcome::linked);
    BOOST_CHECK(again.rows.at(0).youngCarerId == s.rows[3].youngCarerId);
  }
}

BOOST_AUTO_TEST_CASE(the_committed_linkage_files_resolve_at_the_quality_bar) {
  std::vector<matching::PersonRecord> records;
  std::vector<std::string> truth;
  for (const char* name : {"school", "gp", "referrals"}) {
    auto t = parseCsv(slurp(std::string(YCR_SOURCE_DIR) + "/tests/data/linkage/" + name + ".csv"));
    BOOST_REQUIRE(t);
    auto m = mapColumns(t->header, {}, registerRequiredFields());
    BOOST_REQUIRE(m);
    auto truthColumn = findColumn(t->header, "truth_id");
    BOOST_REQUIRE(truthColumn);
    for (const auto& r : t->records) {
      records.push_back(personRecordOf(r, *m));
      truth.push_back(r.fields.at(*truthColumn));
    }
  }
  auto ev = evaluateLinkage(records, truth, variants());
  BOOST_REQUIRE(ev);
  BOOST_TEST_MESSAGE("linkage-eval: precision " << ev->pairwise.precision << " recall " << ev->pairwise.recall
                                                << " F1 " << ev->pairwise.f1);
  BOOST_TEST(ev->records == 7193u);
  BOOST_TEST(ev->pairwise.truePairs > 3000u);
  BOOST_TEST(ev->pairwise.precision >= 0.995);
  BOOST_TEST(ev->pairwise.f1 >= 0.99);
  // Against a wrong truth (every row its own child), the same clusters score no precision.
  std::vector<std::string> none(truth.size());
  auto wrong = evaluateLinkage(records, none, variants());
  BOOST_TEST(wrong->pairwise.precision == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
