#define BOOST_TEST_MODULE ycr_storage
#include <boost/test/unit_test.hpp>
