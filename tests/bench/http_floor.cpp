// The machine's own limits for tests/bench/http_bench.sh, measured beside ycr in the same run:
//   http_floor serve PORT      a bare Poco HTTPServer answering every request with 15 bytes of
//                              JSON, with ycr's server settings (threads, keep-alive): what HTTP
//                              alone costs on this machine, the ceiling for any request to ycr;
//   http_floor commits DB N    N one-row transactions on SQLite in WAL mode with synchronous=FULL,
//                              one after another: the durable commits a second this disk allows,
//                              the floor a write path without group commit cannot pass.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <pthread.h>
#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <string>
#include <thread>

namespace {

class Fixed final : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    request.stream().ignore(std::numeric_limits<std::streamsize>::max());
    static const std::string body = R"({"status":"ok"})";
    response.setContentType("application/json");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
  }
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Fixed;
  }
};

int serve(int port) {
  // ycr's defaults (services/usecases/src/config.cpp): 16 threads, keep-alive, 1,000 requests a connection.
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), true);
  socket.listen(64);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(16);
  params->setMaxQueued(64);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(1000);
  Poco::Net::HTTPServer server(new Factory, socket, params);
  server.start();
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  int signal = 0;
  sigwait(&stop, &signal);
  server.stop();
  return 0;
}

int check(sqlite3* db, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::cerr << "sqlite: " << sqlite3_errmsg(db) << "\n";
    std::exit(1);
  }
  return rc;
}

int commits(const std::string& path, int n) {
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  sqlite3* db = nullptr;
  check(db, sqlite3_open(path.c_str(), &db));
  check(db, sqlite3_exec(db,
                         "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                         "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
                         nullptr, nullptr, nullptr));
  sqlite3_stmt* insert = nullptr;
  check(db, sqlite3_prepare_v2(db, "INSERT INTO t (v) VALUES ('a row of about the size of an audit entry')",
                               -1, &insert, nullptr));
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr));
    check(db, sqlite3_step(insert));
    sqlite3_reset(insert);
    check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sqlite3_finalize(insert);
  sqlite3_close(db);
  std::printf("%.0f\n", n / seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "serve" && argc == 3) return serve(std::atoi(argv[2]));
  if (mode == "commits" && argc == 4) return commits(argv[2], std::atoi(argv[3]));
  std::cerr << "usage: http_floor serve PORT | http_floor commits DB N\n";
  return 2;
}
