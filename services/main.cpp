#include <iostream>
#include "ycr/services/version.h"
int main() { std::cout << "ycr " << ycr::services::version() << "\n"; }
