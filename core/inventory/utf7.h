#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace thaw::inventory {

// Inputs longer than this are refused by decodeUtf7() (Glacier descriptions are ≤ 1024 bytes).
inline constexpr qsizetype kMaxUtf7InputBytes = 64 * 1024;

// Decodes UTF-7 (RFC 2152, https://www.rfc-editor.org/rfc/rfc2152) as written by .NET's
// UTF7Encoding, which CloudBerry uses for the "Path" of its Glacier descriptions.
// Strict where the RFC calls a sequence ill-formed: a byte ≥ 0x80, a '+' not followed by a base64
// character or '-', leftover bits that are six or more or not zero at the end of a shifted run,
// an unpaired UTF-16 surrogate, or input longer than maxInputBytes → std::nullopt.
// Lenient where the RFC allows it: any other ASCII character may appear directly (Set O, '\\',
// '~'), and a shifted run may end on any non-base64 character (a '-' there is absorbed).
// Linear time, output never longer than the input; never throws.
std::optional<QString> decodeUtf7(QByteArrayView input,
                                  qsizetype maxInputBytes = kMaxUtf7InputBytes);

} // namespace thaw::inventory
