#define BOOST_TEST_MODULE ycr_attack
#include <boost/test/unit_test.hpp>
