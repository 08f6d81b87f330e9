#pragma once

#include <QMetaType>
#include <QString>

namespace thaw::ui {

// Which vault a view shows: the Thaw account (its name in AccountStore), the region and the
// vault's name. Empty when nothing is selected.
struct VaultRef
{
    QString account;
    QString region;
    QString vault;

    bool isEmpty() const { return vault.isEmpty(); }
    friend bool operator==(const VaultRef &, const VaultRef &) = default;
};

} // namespace thaw::ui

Q_DECLARE_METATYPE(thaw::ui::VaultRef)
