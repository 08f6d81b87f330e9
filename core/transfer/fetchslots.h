#pragma once

#include <QObject>

namespace thaw::transfer {

// How many chunk fetches may run at once over several downloads: each engine given the same
// FetchSlots takes a slot per GET and gives it back when the GET ends; released() tells the
// waiting engines to try again.
class FetchSlots final : public QObject
{
    Q_OBJECT

public:
    explicit FetchSlots(int limit, QObject *parent = nullptr);

    int limit() const { return m_limit; }
    int used() const { return m_used; }
    int peak() const { return m_peak; } // the most ever used at once

    // A new limit at once: a higher one lets waiting engines start fetches (released()), a lower
    // one stops no fetch in flight but lets none start until used() is below it.
    void setLimit(int limit);

    bool tryAcquire();
    void release();

Q_SIGNALS:
    void released();

private:
    int m_limit;
    int m_used = 0;
    int m_peak = 0;
};

} // namespace thaw::transfer
