#pragma once

#include <QJsonArray>
#include <QJsonObject>

namespace thaw::ui {

// The demo's vaults for thaw-emulator --seed: archives whose descriptions are the given samples
// (objects {"raw","format","path","modified","size"}, as tests/data/descriptions/samples.json),
// a completed inventory, and archive jobs in every state Glacier reports — InProgress (Standard
// and Bulk), Succeeded, Succeeded but about to leave its 24-hour window, Failed — plus an
// empty vault that has never been inventoried. Dates are relative to the emulator's start.
QJsonObject demoSeed(const QJsonArray &descriptionSamples);

// The description samples compiled into the app (:/demo/samples.json).
QJsonArray demoDescriptionSamples();

} // namespace thaw::ui
