// The notices outbox (notices.h): written in the transaction of the change it tells of, never with a
// child's details, addressed by the organisation's notices address, and delivered with retries and
// capped back-off, each marked sent only once the mail server accepted it.

#include "ycr/services/notices.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "service_fixture.h"
#include "ycr/services/notice_senders.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;

namespace {

struct NoticesFixture : test_support::ServiceFixture {
  Id service = 0, school = 0, adultServices = 0;
  std::string caseworker, champion;

  explicit NoticesFixture(const std::string& schoolEmail = "office@hamilton.example.org")
      : ServiceFixture("notices", "2025-06-02T10:00:00Z") {
    start();
    service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    school = withEmail("Hamilton Academy", OrganisationKind::school, schoolEmail);
    adultServices =
        withEmail("Leicester adult social care", OrganisationKind::adult_social_care, "duty@asc.example.org");
    user("casey", Role::caseworker, service);
    user("champion", Role::referrer, school);
    caseworker = signIn("casey");
    champion = signIn("champion");
  }
  Id withEmail(const std::string& name, OrganisationKind kind, const std::string& email) {
    auto tx = app->store().begin(true);
    Organisation o;
    o.name = name;
    o.kind = kind;
    o.noticesEmail = email;
    o.createdAt = clock.now();
    auto id = tx->organisations().create(o);
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(tx->commit());
    return *id;
  }
  // A referral about Zoë O'Brien caring for mum (not known to adult social care); the case's path.
  std::string refer() {
    auto r =
        send("POST", "/api/v1/referrals",
             R"({"young_person":{"given_name":"Zoë","family_name":"O'Brien","date_of_birth":"2012-04-03",)"
             R"("postcode":"LE2 7GH"},"caring_summary":"Helps mum with her medication",)"
             R"("cared_for":[{"relationship":"parent","conditions":["mental_ill_health"],)"
             R"("known_to_adult_social_care":false}],"young_person_aware":true,"parent_aware":true})",
             champion);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    reference = r.str("reference");
    auto list = send("GET", "/api/v1/cases", "", caseworker).json();
    return "/api/v1/cases/" + std::to_string(list->getArray("items")->getObject(0)->getValue<Id>("id"));
  }
  std::vector<Notice> notices() {
    auto tx = app->store().begin(false);
    auto all = tx->notices().list(100, 0);
    std::reverse(all.begin(), all.end());
    return all;
  }
  std::vector<Notice> ofKind(const std::string& kind) {
    std::vector<Notice> out;
    for (auto& n : notices())
      if (n.kind == kind) out.push_back(n);
    return out;
  }
  void event(const std::string& path, const std::string& body, int expected = 200) {
    auto r = send("POST", path + "/events", body, caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == expected, r.body);
  }
  std::string reference;
};

void checkNoChildDetails(const Notice& n) {
  for (const char* detail : {"Zoë", "O'Brien", "2012", "LE2", "medication", "mum"}) {
    BOOST_TEST(!contains(n.subject, detail), n.subject << " has " << detail);
    BOOST_TEST(!contains(n.body, detail), n.body << " has " << detail);
  }
}

NoticeSettings settings() {
  NoticeSettings s;
  s.retrySeconds = 60;
  s.retryMaxSeconds = 3600;
  s.maxAttempts = 4;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(notices)

BOOST_AUTO_TEST_CASE(the_referrer_is_told_of_acknowledgement_with_reference_and_status_only) {
  NoticesFixture f;
  auto path = f.refer();
  f.event(path, R"({"event":"acknowledge"})");
  auto acks = f.ofKind("referral_acknowledged");
  BOOST_REQUIRE_EQUAL(acks.size(), 1u);
  const auto& n = acks.front();
  BOOST_TEST(n.address == "office@hamilton.example.org");
  BOOST_TEST(n.recipientOrganisationId.value_or(0) == f.school);
  BOOST_TEST(toString(n.status) == "pending");
  BOOST_TEST(contains(n.subject, f.reference));
  BOOST_TEST(contains(n.body, f.reference));
  BOOST_TEST(contains(n.body, "Status: received"));
  BOOST_TEST(contains(n.body, f.config.intakeTeam));
  checkNoChildDetails(n);
}

BOOST_AUTO_TEST_CASE(the_decision_and_closure_reach_the_referrer_and_escalation_children_s_social_care) {
  NoticesFixture f;
  Id csc = f.withEmail("Leicester children's social care", OrganisationKind::childrens_social_care,
                       "mash@csc.example.org");
  auto path = f.refer();
  f.event(path, R"({"event":"acknowledge"})");
  f.event(path, R"({"event":"escalate_safeguarding","reason":"Left alone overnight"})");
  auto toCsc = f.ofKind("safeguarding_escalation");
  BOOST_REQUIRE_EQUAL(toCsc.size(), 1u);
  BOOST_TEST(toCsc.front().recipientOrganisationId.value_or(0) == csc);
  BOOST_TEST(!contains(toCsc.front().body, "overnight"));
  // The referrer may be the parent the concern is about: escalation is not news for them.
  auto toSchool = f.notices();
  BOOST_TEST(std::count_if(toSchool.begin(), toSchool.end(), [&](const Notice& n) {
               return n.recipientOrganisationId == std::optional<Id>(f.school);
             }) == 1);
  f.event(path, R"({"event":"safeguarding_returned"})");
  f.event(path, R"({"event":"accept_for_assessment"})");
  auto accepted = f.ofKind("referral_accepted");
  BOOST_REQUIRE_EQUAL(accepted.size(), 1u);
  BOOST_TEST(contains(accepted.front().body, "Status: being assessed"));
  for (const auto& n : f.notices()) checkNoChildDetails(n);
}

BOOST_AUTO_TEST_CASE(every_change_of_the_referral_s_status_reaches_the_referrer_reopening_included) {
  NoticesFixture f;
  auto path = f.refer();
  f.event(path, R"({"event":"acknowledge"})");
  f.event(path, R"({"event":"signpost"})");
  BOOST_REQUIRE_EQUAL(f.ofKind("referral_signposted").size(), 1u);
  f.event(path, R"({"event":"reopen"})");
  auto reopened = f.ofKind("referral_reopened");
  BOOST_REQUIRE_EQUAL(reopened.size(), 1u);
  BOOST_TEST(contains(reopened.front().body, "has been reopened"));
  BOOST_TEST(contains(reopened.front().body, "Status: received"));
  BOOST_TEST(reopened.front().recipientOrganisationId.value_or(0) == f.school);
  checkNoChildDetails(reopened.front());

  // Completing the assessment (Assessments::complete, which needs a whole needs assessment) is the
  // transition assessing -> support_planning: the referrer's status becomes "supported".
  auto tx = f.app->store().begin(true);
  auto c = tx->cases().findById(std::stol(path.substr(path.rfind('/') + 1)));
  BOOST_REQUIRE(c);
  pathways::Transition t;
  t.event = pathways::Event::complete_assessment;
  t.from = CaseState::assessing;
  t.to = CaseState::support_planning;
  t.effects = {pathways::Effect::notify_referrer};
  BOOST_REQUIRE(writeTransitionNotices(*tx, *c, t, {}, "Young carers service", f.clock.now()));
  BOOST_REQUIRE(tx->commit());
  auto supported = f.ofKind("referral_supported");
  BOOST_REQUIRE_EQUAL(supported.size(), 1u);
  BOOST_TEST(contains(supported.front().body, "has been assessed, and the young person is being supported"));
  BOOST_TEST(contains(supported.front().body, "Status: supported"));
  checkNoChildDetails(supported.front());
}

BOOST_AUTO_TEST_CASE(a_new_task_is_told_to_the_organisation_it_is_addressed_to) {
  NoticesFixture f;
  f.refer();
  auto tasks = f.ofKind("task_created");
  BOOST_REQUIRE_EQUAL(tasks.size(), 1u);
  BOOST_TEST(tasks.front().recipientOrganisationId.value_or(0) == f.adultServices);
  BOOST_TEST(tasks.front().address == "duty@asc.example.org");
  checkNoChildDetails(tasks.front());
}

BOOST_AUTO_TEST_CASE(an_organisation_without_a_notices_address_gets_no_email_and_the_notice_says_why) {
  NoticesFixture f("");
  auto path = f.refer();
  f.event(path, R"({"event":"acknowledge"})");
  auto acks = f.ofKind("referral_acknowledged");
  BOOST_REQUIRE_EQUAL(acks.size(), 1u);
  BOOST_TEST(acks.front().address.empty());
  BOOST_TEST(toString(acks.front().status) == "failed");
  BOOST_TEST(contains(acks.front().lastError, "No notices email address for Hamilton Academy"));
  // Still nothing to send.
  auto tx = f.app->store().begin(false);
  for (const auto& n : tx->notices().due(f.clock.now(), 10)) BOOST_TEST(n.kind != "referral_acknowledged");
}

BOOST_AUTO_TEST_CASE(a_refused_change_leaves_no_notice) {
  NoticesFixture f;
  auto path = f.refer();
  const auto before = f.notices().size();
  f.event(path, R"({"event":"accept_for_assessment"})", 409);  // not allowed from referred
  f.event(path, R"({"event":"escalate_safeguarding"})", 422);  // no reason given
  BOOST_TEST(f.notices().size() == before);
}

BOOST_AUTO_TEST_CASE(notices_written_in_a_transaction_that_does_not_commit_are_not_kept) {
  NoticesFixture f;
  f.refer();
  const auto before = f.notices().size();
  {
    auto tx = f.app->store().begin(true);
    CaseTask t;
    t.caseId = 1;
    t.kind = "adult_social_care_assessment";
    t.assignedTo = "adult_social_care";
    t.organisationId = f.adultServices;
    t.due = f.clock.today();
    t.createdAt = f.clock.now();
    BOOST_REQUIRE(addTaskWithNotice(*tx, t, "YC-TEST", "Young carers service", f.clock.now()));
    BOOST_TEST(tx->notices().list(100, 0).size() == before + 1);
    // Dropped without commit: the change and its notice go together.
  }
  BOOST_TEST(f.notices().size() == before);
}

BOOST_AUTO_TEST_CASE(retries_back_off_exponentially_up_to_the_cap) {
  auto s = settings();
  std::vector<long long> got;
  for (int attempts = 1; attempts <= 9; ++attempts) got.push_back(retryDelay(attempts, s).count());
  std::vector<long long> want = {60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
  BOOST_TEST(got == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_notice_fails_for_good_after_the_last_attempt) {
  auto s = settings();
  Notice n;
  const Timestamp now = *parseIsoTimestamp("2025-06-02T10:00:00Z");
  recordOutcome(n, SendOutcome("connection refused"), now, s);
  BOOST_TEST(toString(n.status) == "pending");
  BOOST_TEST(n.attempts == 1);
  BOOST_TEST(formatIsoTimestamp(*n.nextAttemptAt) == "2025-06-02T10:01:00Z");
  for (int i = 0; i < 3; ++i) recordOutcome(n, SendOutcome("connection refused"), now, s);
  BOOST_TEST(toString(n.status) == "failed");
  BOOST_TEST(n.attempts == 4);
  BOOST_TEST(!n.nextAttemptAt.has_value());
}

BOOST_AUTO_TEST_CASE(delivery_retries_a_refused_notice_when_due_and_sends_each_once) {
  NoticesFixture f;
  auto path = f.refer();
  f.event(path, R"({"event":"acknowledge"})");
  const auto pending = f.notices().size();  // the task's and the acknowledgement's
  std::vector<Id> sent;
  bool serverUp = false;
  NoticeSender send = [&](const Notice& n) -> SendOutcome {
    if (!serverUp) return SendOutcome("connection refused");
    sent.push_back(n.id);
    return {};
  };
  BOOST_TEST(deliverDueNotices(f.app->store(), send, f.clock, settings()) == 0);
  for (const auto& n : f.notices()) {
    BOOST_TEST(n.attempts == 1);
    BOOST_TEST(n.lastError == "connection refused");
  }
  serverUp = true;
  BOOST_TEST(deliverDueNotices(f.app->store(), send, f.clock, settings()) == 0);  // not yet due
  f.clock.advance(std::chrono::seconds(60));
  BOOST_TEST(deliverDueNotices(f.app->store(), send, f.clock, settings()) == static_cast<int>(pending));
  BOOST_TEST(deliverDueNotices(f.app->store(), send, f.clock, settings()) == 0);
  BOOST_TEST(sent.size() == pending);
  for (const auto& n : f.notices()) {
    BOOST_TEST(toString(n.status) == "sent");
    BOOST_TEST(n.sentAt.has_value());
  }
}

BOOST_AUTO_TEST_CASE(a_refusal_no_retry_can_change_fails_the_notice_at_once) {
  Notice n;
  const Timestamp now = *parseIsoTimestamp("2025-06-02T10:00:00Z");
  recordOutcome(n, SendOutcome("GOV.UK Notify answered 400: Not a valid email address", true), now,
                settings());
  BOOST_TEST(toString(n.status) == "failed");
  BOOST_TEST(n.attempts == 1);
  BOOST_TEST(!n.nextAttemptAt.has_value());
  BOOST_TEST(contains(n.lastError, "Not a valid email address"));
}

// Two `ycr serve` over one database file, each with its own store and worker, sending at the same time.
BOOST_AUTO_TEST_CASE(two_workers_over_one_database_send_each_notice_once) {
  NoticesFixture f;
  constexpr int kNotices = 40;
  {
    auto tx = f.app->store().begin(true);
    for (int i = 0; i < kNotices; ++i) {
      Notice n;
      n.kind = "referral_acknowledged";
      n.address = "office@hamilton.example.org";
      n.subject = n.body = "Notice " + std::to_string(i);
      n.createdAt = f.clock.now();
      n.nextAttemptAt = f.clock.now();
      BOOST_REQUIRE(tx->notices().add(n));
    }
    BOOST_REQUIRE(tx->commit());
  }
  storage::SqliteOptions options;
  options.path = f.config.database;
  auto other = storage::SqliteStore::open(options);
  BOOST_REQUIRE(other);
  std::mutex mutex;
  std::map<Id, int> times;
  NoticeSender send = [&](const Notice& n) -> SendOutcome {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // the mail server's round trip
    std::lock_guard lock(mutex);
    ++times[n.id];
    return {};
  };
  int sentByOne = 0, sentByOther = 0;
  {
    std::thread a([&] {
      while (int sent = deliverDueNotices(f.app->store(), send, f.clock, settings())) sentByOne += sent;
    });
    std::thread b([&] {
      while (int sent = deliverDueNotices(**other, send, f.clock, settings())) sentByOther += sent;
    });
    a.join();
    b.join();
  }
  BOOST_TEST(times.size() == static_cast<std::size_t>(kNotices));
  for (auto [id, n] : times) BOOST_TEST(n == 1, "notice " << id << " sent " << n << " times");
  BOOST_TEST(sentByOne + sentByOther == kNotices);
  BOOST_TEST_MESSAGE("sent by the first worker " << sentByOne << ", by the second " << sentByOther);
  for (const auto& n : f.notices()) BOOST_TEST(toString(n.status) == "sent");
}

// A worker that dies after claiming a notice leaves it to be sent once its lease is over.
BOOST_AUTO_TEST_CASE(a_claimed_notice_left_unmarked_is_due_again_after_the_lease) {
  NoticesFixture f;
  auto path = f.refer();
  f.event(path, R"({"event":"acknowledge"})");
  const auto pending = f.notices().size();
  {
    auto tx = f.app->store().begin(true);
    for (auto n : tx->notices().due(f.clock.now(), 100)) {
      n.nextAttemptAt = f.clock.now() + kNoticeLease;  // what a claim writes
      BOOST_REQUIRE(tx->notices().recordAttempt(n));
    }
    BOOST_REQUIRE(tx->commit());
  }
  int sent = 0;
  NoticeSender send = [&](const Notice&) -> SendOutcome {
    ++sent;
    return {};
  };
  BOOST_TEST(deliverDueNotices(f.app->store(), send, f.clock, settings()) == 0);
  f.clock.advance(kNoticeLease);
  BOOST_TEST(deliverDueNotices(f.app->store(), send, f.clock, settings()) == static_cast<int>(pending));
  BOOST_TEST(sent == static_cast<int>(pending));
}

// A send slower than the lease (a mail server answering a byte at a time, each within its socket
// timeout) keeps its claim: no other worker sends the notice meanwhile, and it is sent once.
BOOST_AUTO_TEST_CASE(a_send_slower_than_the_lease_keeps_its_claim_and_the_notice_is_sent_once) {
  NoticesFixture f;
  f.refer();
  const auto pending = f.notices().size();
  BOOST_REQUIRE(pending >= 1u);
  std::mutex m;
  std::condition_variable cv;
  bool sending = false, release = false;
  std::map<Id, int> times;
  NoticeSender slow = [&](const Notice& n) -> SendOutcome {
    std::unique_lock lock(m);
    ++times[n.id];
    sending = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return {};
  };
  auto s = settings();
  s.claimRenewal = std::chrono::milliseconds(10);
  int sentBySlow = 0;
  std::thread worker([&] { sentBySlow = deliverDueNotices(f.app->store(), slow, f.clock, s); });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return sending; });
  }
  // Twice the lease passes while the first notice is still being sent; the worker renews its claim.
  for (int i = 0; i < 4; ++i) {
    f.clock.advance(kNoticeLease / 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::map<Id, int> byOther;
  NoticeSender other = [&](const Notice& n) -> SendOutcome {
    std::lock_guard lock(m);
    ++byOther[n.id];
    return {};
  };
  const Id first = times.begin()->first;
  deliverDueNotices(f.app->store(), other, f.clock, s);
  BOOST_TEST(byOther.count(first) == 0u, "another worker sent the notice still being sent");
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  worker.join();
  BOOST_TEST(times[first] == 1);
  for (const auto& n : f.notices()) BOOST_TEST(toString(n.status) == "sent");
  BOOST_TEST(static_cast<std::size_t>(sentBySlow) + byOther.size() == pending);
}

BOOST_AUTO_TEST_CASE(notices_addresses_are_checked) {
  BOOST_TEST(plausibleEmail("office@hamilton.example.org"));
  for (const std::string bad :
       {"", "office", "@example.org", "a@b", "a@@b.org", "a b@c.org", "a@b.org\r\nBcc: x@y.org", "<a@b.org>"})
    BOOST_TEST(!plausibleEmail(bad), bad);
}

BOOST_AUTO_TEST_CASE(an_administrator_changes_where_an_organisation_s_notices_go_and_reads_the_outbox) {
  NoticesFixture f;
  f.user("admin1", Role::admin, f.service);
  const auto admin = f.signIn("admin1");
  const std::string path = "/api/v1/organisations/" + std::to_string(f.school) + "/notices-email";
  BOOST_TEST(f.send("PUT", path, R"({"notices_email":"not an address"})", admin).isProblem(422));
  BOOST_TEST(f.send("PUT", path, R"({"notices_email":"a@b.org","name":"x"})", admin).isProblem(422));
  BOOST_TEST(f.send("PUT", path, R"({"notices_email":"a@b.org"})", f.caseworker).isProblem(403));
  BOOST_TEST(f.send("PUT", "/api/v1/organisations/99999/notices-email", R"({"notices_email":""})", admin)
                 .isProblem(404));
  auto changed = f.send("PUT", path, R"({"notices_email":" head@hamilton.example.org "})", admin);
  BOOST_REQUIRE_MESSAGE(changed.status == 200, changed.body);
  BOOST_TEST(changed.str("notices_email") == "head@hamilton.example.org");
  auto casePath = f.refer();
  f.event(casePath, R"({"event":"acknowledge"})");
  auto acknowledged = f.ofKind("referral_acknowledged");
  BOOST_REQUIRE_EQUAL(acknowledged.size(), 1u);
  BOOST_TEST(acknowledged.front().address == "head@hamilton.example.org");

  auto outbox = f.send("GET", "/api/v1/notices", "", admin);
  BOOST_REQUIRE_MESSAGE(outbox.status == 200, outbox.body);
  BOOST_TEST(outbox.json()->getValue<int>("total") == static_cast<int>(f.notices().size()));
  auto tx = f.app->store().begin(false);
  AuditQuery q;
  q.recordType = "notice";
  BOOST_TEST(tx->audit().query(q).total == 1);  // the reading, by the administrator
  q.recordType = "organisation";
  q.recordId = std::to_string(f.school);
  auto changes = tx->audit().query(q);
  BOOST_REQUIRE_EQUAL(changes.total, 1);
  BOOST_TEST(changes.items.front().action == "organisation.notices_email");
}

BOOST_AUTO_TEST_CASE(every_notice_written_is_of_a_kind_a_notify_template_can_be_set_for) {
  NoticesFixture f;
  f.withEmail("Leicester children's social care", OrganisationKind::childrens_social_care,
              "mash@csc.example.org");
  auto path = f.refer();
  f.event(path, R"({"event":"acknowledge"})");
  f.event(path, R"({"event":"escalate_safeguarding","reason":"Left alone overnight"})");
  for (const auto& n : f.notices())
    BOOST_TEST((std::find(kNoticeKinds.begin(), kNoticeKinds.end(), n.kind) != kNoticeKinds.end()), n.kind);
  Config c;
  for (auto kind : kNoticeKinds)
    BOOST_TEST(c.set("notify_template." + std::string(kind), "f33517ff-2a88-4f6e-b855-c550268ce08a").ok());
}

BOOST_AUTO_TEST_CASE(a_notify_api_key_is_read_from_its_end_as_notify_s_clients_do) {
  const std::string service = "26785a09-ab16-4eb0-8407-a37497a57506";
  const std::string secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
  auto key = parseNotifyKey("my-test-key-with-hyphens-" + service + "-" + secret + "\n");
  BOOST_REQUIRE(key.has_value());
  BOOST_TEST(key->serviceId == service);
  BOOST_TEST(key->secret == secret);
  for (const std::string& bad :
       std::vector<std::string>{"", "key", service + "-" + secret, "name-" + service + secret,
                                "name-" + service + "-" + secret.substr(1) + "x-"})
    BOOST_TEST(!parseNotifyKey(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(notices_go_one_way_and_notify_needs_a_key_and_a_template) {
  NoticeSettings s;
  BOOST_TEST(!noticeSenderFor(s).value().has_value());  // neither: they wait in the outbox
  s.smtpHost = "127.0.0.1";
  BOOST_TEST(noticeSenderFor(s).value().has_value());
  s.notifyApiKeyFile = "/nonexistent/notify.key";
  BOOST_TEST(noticeSenderFor(s).error().fields.front().code == "conflict");
  s.smtpHost.clear();
  BOOST_TEST(noticeSenderFor(s).error().fields.front().code == "not_found");
  Config c;
  // SMTP settings that would send a password in the clear, or trust a file that is not used or not there.
  NoticeSettings smtp;
  smtp.smtpHost = "mail.example.org";
  smtp.smtpUser = "notices";
  BOOST_TEST(smtpSender(smtp).error().fields.front().field == "smtp_starttls");
  smtp.smtpHost = "127.0.0.1";  // on this machine, nothing crosses the network
  BOOST_TEST(smtpSender(smtp).ok());
  smtp.smtpCaFile = "/nonexistent/ca.pem";
  BOOST_TEST(smtpSender(smtp).error().fields.front().code == "unused");
  smtp.smtpStartTls = true;
  BOOST_TEST(smtpSender(smtp).error().fields.front().code == "not_found");
  smtp.smtpCaFile.clear();
  BOOST_TEST(smtpSender(smtp).ok());
  BOOST_TEST(c.set("notify_base_url", "http://notify.example.org").error().fields.front().code ==
             "invalid_url");
  BOOST_TEST(c.set("notify_base_url", "http://127.0.0.1:9999").ok());
  BOOST_TEST(c.set("notify_base_url", "https://api.notifications.service.gov.uk").ok());
  BOOST_TEST(
      c.set("notify_template_id", "{f33517ff-2a88-4f6e-b855-c550268ce08a}").error().fields.front().code ==
      "invalid_template_id");
}

BOOST_AUTO_TEST_SUITE_END()
