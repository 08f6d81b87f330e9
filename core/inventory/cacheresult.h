#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace thaw::inventory {

// What went wrong in the inventory cache, a parser, an import or an export, as a value.
struct InventoryError
{
    enum class Kind {
        Database,  // SQLite refused (corrupt file, full disk, locked, schema from the future)
        Parse,     // the inventory file is malformed; message holds the position
        Io,        // a local file could not be read or written
        Cancelled, // cancel() was called; nothing was kept
        NotFound,  // no such inventory in the cache
        Usage,     // the caller asked for something impossible (bad option, missing date)
    };
    Kind kind = Kind::Database;
    QString message;
};

// Either a value or the InventoryError that prevented it (the house style of
// core/glacier/result.h, with the inventory's own error type).
template<typename T>
class CacheResult final
{
public:
    CacheResult(T value)
        : m_value(std::in_place_index<0>, std::move(value))
    {}
    CacheResult(InventoryError error)
        : m_value(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_value); }
    T &value() & { return std::get<0>(m_value); }
    T &&value() && { return std::get<0>(std::move(m_value)); }
    const T *operator->() const { return &std::get<0>(m_value); }
    const T &operator*() const & { return std::get<0>(m_value); }
    T &operator*() & { return std::get<0>(m_value); }

    const InventoryError &error() const { return std::get<1>(m_value); }

private:
    std::variant<T, InventoryError> m_value;
};

} // namespace thaw::inventory
