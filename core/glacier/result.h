#pragma once

#include "glaciererror.h"

#include <utility>
#include <variant>

namespace thaw::glacier {

// Either the typed value of a successful call or the GlacierError that ended it.
template<typename T>
class Result final
{
public:
    Result(T value)
        : m_value(std::in_place_index<0>, std::move(value))
    {}
    Result(GlacierError error)
        : m_value(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Only when ok().
    const T &value() const & { return std::get<0>(m_value); }
    T &value() & { return std::get<0>(m_value); }
    T &&value() && { return std::get<0>(std::move(m_value)); }
    const T *operator->() const { return &std::get<0>(m_value); }

    // Only when !ok().
    const GlacierError &error() const { return std::get<1>(m_value); }

private:
    std::variant<T, GlacierError> m_value;
};

} // namespace thaw::glacier
