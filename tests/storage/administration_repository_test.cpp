// The administration repository against a real SQLite file: deactivating an organisation
// changes only that organisation, commits with its transaction or not at all.

#include <boost/test/unit_test.hpp>

#include "temp_store.h"

using namespace ycr;
using namespace ycr::storage;

namespace {

struct AdminDb : test_support::TempStore {
  AdminDb() : TempStore("admin-storage") {}
  Id organisation(const std::string& name) {
    auto tx = store->begin(true);
    Organisation o;
    o.kind = OrganisationKind::school;
    o.name = name;
    o.createdAt = *parseIsoTimestamp("2024-01-01T09:00:00Z");
    auto id = tx->organisations().create(o);
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(tx->commit());
    return *id;
  }
  bool active(Id id) { return store->begin(false)->organisations().findById(id)->active; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(administration_repository_test)

BOOST_AUTO_TEST_CASE(deactivating_changes_only_that_organisation) {
  AdminDb db;
  Id hamilton = db.organisation("Hamilton Academy");
  Id soar = db.organisation("Soar Valley College");
  {
    auto tx = db.store->begin(true);
    BOOST_REQUIRE(tx->administration().setOrganisationActive(hamilton, false));
    BOOST_REQUIRE(tx->commit());
  }
  BOOST_TEST(!db.active(hamilton));
  BOOST_TEST(db.active(soar));
  {
    auto tx = db.store->begin(true);
    BOOST_REQUIRE(tx->administration().setOrganisationActive(hamilton, true));
    BOOST_REQUIRE(tx->commit());
  }
  BOOST_TEST(db.active(hamilton));
}

BOOST_AUTO_TEST_CASE(an_uncommitted_deactivation_leaves_no_trace) {
  AdminDb db;
  Id hamilton = db.organisation("Hamilton Academy");
  {
    auto tx = db.store->begin(true);
    BOOST_REQUIRE(tx->administration().setOrganisationActive(hamilton, false));
  }
  BOOST_TEST(db.active(hamilton));
}

BOOST_AUTO_TEST_CASE(an_unknown_organisation_is_not_found) {
  AdminDb db;
  auto tx = db.store->begin(true);
  auto s = tx->administration().setOrganisationActive(4242, false);
  BOOST_REQUIRE(!s);
  BOOST_TEST(s.error().code == ErrorCode::not_found);
}

BOOST_AUTO_TEST_SUITE_END()
