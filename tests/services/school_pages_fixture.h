#pragma once
// The pages as a young carers service and a school see them: a caseworker of the intake service and the
// champion of Hamilton Academy (URN 120345) signed in, and Siân, at that school, referred by the
// caseworker. Shared by the consent and school attendance page tests.

#include "service_fixture.h"

namespace ycr::test_support {

struct SchoolPagesFixture : SessionPagesFixture {
  std::string caseworker, champion;
  services::ReferralReceipt receipt;

  SchoolPagesFixture(const std::string& name, const std::string& familyName)
      : SessionPagesFixture(name, "2025-06-02T10:00:00Z") {
    create();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id school = organisation("Hamilton Academy", OrganisationKind::school, "120345");
    user("casey", Role::caseworker, service);
    user("champion", Role::referrer, school);
    caseworker = sessionFor("casey");
    champion = sessionFor("champion");
    services::ReferralInput in;
    in.youngPerson.givenName = "Siân";
    in.youngPerson.familyName = familyName;
    in.youngPerson.dateOfBirth = "2012-04-03";
    in.youngPerson.postcode = "LE2 7GH";
    in.youngPerson.schoolUrn = "120345";
    in.caringSummary = "Helps mum";
    auto r = app->reg().submitReferral(who(caseworker), in);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    receipt = *r;
  }
  std::string caseHref() const { return "/cases/" + std::to_string(receipt.caseRecord.id); }
};

}  // namespace ycr::test_support
