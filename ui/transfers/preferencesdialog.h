#pragma once

#include "transfersettings.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace thaw::ui {

// The download preferences: download folder, parallel chunks per download, parallel fetches
// over all downloads, bandwidth limit, and the rate assumed for expiry estimates. The caller
// stores the result (TransferSettings::save) and hands it to TransferManager::setSettings.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(const TransferSettings &settings, QWidget *parent = nullptr);

    TransferSettings settings() const;

private:
    TransferSettings m_initial;
    QLineEdit *m_folder;
    QSpinBox *m_parallel;
    QSpinBox *m_globalParallel;
    QDoubleSpinBox *m_limit;   // MiB/s, 0: unlimited
    QDoubleSpinBox *m_assumed; // MiB/s
};

} // namespace thaw::ui
