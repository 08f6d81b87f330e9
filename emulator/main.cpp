// thaw-emulator: a local Amazon S3 Glacier for tests and demos. See README.md.
#include "glacierservice.h"
#include "httpserver.h"

#include <QCoreApplication>

#include <cstdio>

using namespace thaw::emulator;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("thaw-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(THAW_VERSION));

    EmulatorOptions options;
    QString error;
    if (!options.parse(QCoreApplication::arguments(), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    GlacierService service(options);
    if (!service.start(&error)) {
        std::fprintf(stderr, "thaw-emulator: %s\n", qPrintable(error));
        return 1;
    }
    HttpServer server([&service](const Request &request) { return service.handle(request); },
                      [&service](qint64 bytes) { service.counters().countOutputBytes(bytes); });
    if (!server.listen(options.port, &error)) {
        std::fprintf(stderr, "thaw-emulator: cannot listen: %s\n", qPrintable(error));
        return 1;
    }
    // The first line of stdout is what EmulatorProcess (and scripts) wait for.
    std::printf("LISTENING %u\n", unsigned(server.port()));
    std::fflush(stdout);
    return app.exec();
}
