#pragma once

#include "emulatorvault.h"

#include <QFileInfo>

// Shared by the transfer integration tests: a thaw-emulator holding one archive of
// reproducible data in one vault, and archive-retrieval jobs on it (job delay 0). The fixture
// itself is tests/support's, shared with the view tests.
using TransferFixture = EmulatorVault;
