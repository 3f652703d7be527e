#include "ycr/services/cli.h"

extern char** environ;

int main(int argc, char** argv) {
  return ycr::services::runCli(argc, argv, environ);
}
