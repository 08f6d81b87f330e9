#pragma once

#include <utility>
#include <variant>

namespace thaw {

// Either a value or the error that prevented it: the house's error-as-value type, one for every
// subsystem, each naming it with its own error (glacier::Result, inventory::CacheResult).
// A small stand-in for C++23's std::expected, which g++ 12 in C++20 mode does not offer.
template<typename T, typename E>
class Expected final
{
public:
    Expected(T value)
        : m_value(std::in_place_index<0>, std::move(value))
    {}
    Expected(E error)
        : m_value(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Only when ok().
    const T &value() const & { return std::get<0>(m_value); }
    T &value() & { return std::get<0>(m_value); }
    T &&value() && { return std::get<0>(std::move(m_value)); }
    const T *operator->() const { return &std::get<0>(m_value); }
    const T &operator*() const & { return std::get<0>(m_value); }
    T &operator*() & { return std::get<0>(m_value); }

    // Only when !ok().
    const E &error() const { return std::get<1>(m_value); }

private:
    std::variant<T, E> m_value;
};

} // namespace thaw
