#include "utf7.h"

namespace thaw::inventory {

namespace {

// The modified base64 alphabet of RFC 2152 (RFC 2045's, without '=' padding): value or -1.
int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// Appends UTF-16 code units and checks surrogate pairing as they arrive.
class Utf16Sink final
{
public:
    explicit Utf16Sink(qsizetype reserve) { m_text.reserve(reserve); }

    bool append(char16_t unit)
    {
        if (m_pendingHigh) {
            if (!QChar::isLowSurrogate(unit))
                return false;
            m_text.append(QChar(m_pendingHigh));
            m_text.append(QChar(unit));
            m_pendingHigh = 0;
            return true;
        }
        if (QChar::isHighSurrogate(unit)) {
            m_pendingHigh = unit;
            return true;
        }
        if (QChar::isLowSurrogate(unit))
            return false;
        m_text.append(QChar(unit));
        return true;
    }

    bool complete() const { return m_pendingHigh == 0; }
    QString take() { return std::move(m_text); }

private:
    QString m_text;
    char16_t m_pendingHigh = 0;
};

} // namespace

std::optional<QString> decodeUtf7(QByteArrayView input, qsizetype maxInputBytes)
{
    if (input.size() > maxInputBytes)
        return std::nullopt;

    Utf16Sink out(input.size());
    const qsizetype n = input.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = input[i];
        if (static_cast<unsigned char>(c) >= 0x80)
            return std::nullopt;
        if (c != '+') {
            // A direct character may not split a surrogate pair.
            if (!out.append(char16_t(c)))
                return std::nullopt;
            ++i;
            continue;
        }

        ++i;                            // past '+'
        if (i < n && input[i] == '-') { // "+-" is a literal '+'
            if (!out.append(u'+'))
                return std::nullopt;
            ++i;
            continue;
        }
        if (i >= n || base64Value(input[i]) < 0)
            return std::nullopt; // '+' must start a shifted run or be "+-"

        quint32 bits = 0;
        int bitCount = 0;
        while (i < n) {
            const int v = base64Value(input[i]);
            if (v < 0)
                break;
            bits = (bits << 6) | quint32(v);
            bitCount += 6;
            if (bitCount >= 16) {
                bitCount -= 16;
                if (!out.append(char16_t((bits >> bitCount) & 0xFFFF)))
                    return std::nullopt;
            }
            bits &= (1u << bitCount) - 1; // keep only the unconsumed bits
            ++i;
        }
        // RFC 2152: the run ends with at most five zero padding bits.
        if (bitCount >= 6 || bits != 0)
            return std::nullopt;
        if (i < n && input[i] == '-')
            ++i; // the explicit terminator is absorbed
    }
    if (!out.complete())
        return std::nullopt;
    return out.take();
}

} // namespace thaw::inventory
