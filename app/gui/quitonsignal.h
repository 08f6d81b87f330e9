#pragma once

class QCoreApplication;

namespace thaw::app {

// SIGTERM, SIGINT and SIGHUP (a logout, a system shutdown, Ctrl+C in a terminal) end the event
// loop as if the user had quit, so that what runs at quit still runs: pending download
// registry entries are written, window state is saved and the demo's thaw-emulator is stopped.
// The handler only writes a byte to a socket pair; the quit happens in the event loop.
// Returns false (and changes nothing) when the socket pair cannot be made.
bool quitOnTerminationSignals(QCoreApplication &app);

} // namespace thaw::app
