#define BOOST_TEST_MODULE ycr_core
#include <boost/test/unit_test.hpp>
