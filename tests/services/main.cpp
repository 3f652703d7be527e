#define BOOST_TEST_MODULE ycr_services
#include <boost/test/unit_test.hpp>
