#define BOOST_TEST_MODULE ycr_pathways
#include <boost/test/unit_test.hpp>
