#include "ycr/core/key_filter.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "ycr/core/young_person.h"

using namespace ycr;

namespace {

std::string key(std::size_t i) {
  return "given" + std::to_string(i) + "|family|2012-04-03|le27gh";
}

// Of `probes` keys never added, how many the filter says it may hold.
double falseAlarms(const KeyFilter& f, std::size_t probes) {
  std::size_t alarms = 0;
  for (std::size_t i = 0; i < probes; ++i) alarms += f.mayContain("never|added|" + std::to_string(i)) ? 1 : 0;
  return static_cast<double>(alarms) / static_cast<double>(probes);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(key_filter)

BOOST_AUTO_TEST_CASE(an_empty_filter_holds_nothing) {
  KeyFilter f(1000);
  BOOST_TEST(!f.mayContain(key(1)));
  BOOST_TEST(!f.mayContain(""));
  BOOST_TEST(f.size() == 0u);
  BOOST_TEST(f.capacity() >= 1000u);
}

BOOST_AUTO_TEST_CASE(every_key_added_is_found_even_far_past_capacity) {
  KeyFilter f(1000);
  for (std::size_t i = 0; i < 50000; ++i) f.add(key(i));
  std::size_t missed = 0;
  for (std::size_t i = 0; i < 50000; ++i) missed += f.mayContain(key(i)) ? 0 : 1;
  BOOST_TEST(missed == 0u);
  BOOST_TEST(f.size() == 50000u);
}

BOOST_AUTO_TEST_CASE(false_alarms_are_rare_up_to_capacity_and_grow_past_it) {
  KeyFilter f(100000);
  for (std::size_t i = 0; i < f.capacity(); ++i) f.add(key(i));
  const double atCapacity = falseAlarms(f, 100000);
  BOOST_TEST(atCapacity < 0.002);  // about one in a thousand at 16 bits a key
  for (std::size_t i = f.capacity(); i < 4 * f.capacity(); ++i) f.add(key(i));
  BOOST_TEST(falseAlarms(f, 100000) > 10 * atCapacity);  // why the resolver builds it again, bigger
}

BOOST_AUTO_TEST_CASE(identities_that_fold_to_the_same_key_are_one_key) {
  // The filter holds identity keys, so what exact identity takes as the same child it finds.
  KeyFilter f(10);
  f.add(identityKey("Zoë", "O'Brien-Smith", *parseIsoDate("2012-04-03"), "LE2 7GH"));
  BOOST_TEST(f.mayContain(identityKey("ZOE", "obrien smith", *parseIsoDate("2012-04-03"), "le27gh")));
  BOOST_TEST(identityKey("Zoë", "O'Brien-Smith", *parseIsoDate("2012-04-03"), "LE2 7GH") ==
             "zoe|obriensmith|2012-04-03|le27gh");
  BOOST_TEST(!f.mayContain(identityKey("Zoe", "O'Brien-Smith", *parseIsoDate("2012-04-30"), "LE2 7GH")));
}

BOOST_AUTO_TEST_SUITE_END()
