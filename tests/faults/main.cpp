#define BOOST_TEST_MODULE ycr_faults
#include <boost/test/unit_test.hpp>
