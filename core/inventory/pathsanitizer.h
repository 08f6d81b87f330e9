#pragma once

#include "core/common/expected.h"

#include <QFlags>
#include <QString>

namespace thaw::inventory {

// Why a decoded archive name cannot be used as a path under the restore folder.
enum class PathRejection {
    Empty,            // nothing left once separators, "." and empty components are gone
    ParentTraversal,  // a ".." component
    ControlCharacter, // U+0000–U+001F or U+007F anywhere
    InvalidUnicode,   // an unpaired UTF-16 surrogate (cannot be written as UTF-8)
    DevicePath,       // Windows device namespace: \\?\… or \\.\…
    OnlyDotsOrSpaces, // a component such as "..." or "  " (nothing left after trimming)
    ComponentTooLong, // a component over 255 UTF-8 bytes (NAME_MAX, NTFS and APFS limits)
    PathTooLong,      // the whole relative path over 4096 UTF-8 bytes (PATH_MAX)
    BaseDirMissing,   // resolveUnder(): the base folder does not exist
    OutsideBase,      // resolveUnder(): the result (through symlinks) is not inside the base
};

// What sanitizePath() changed to make a name safe; none of these lose information that could
// make two different names collide except trimming trailing dots/spaces (Windows drops them too).
enum class PathRewrite {
    None = 0,
    MadeRelative = 0x1,        // a leading "/", "C:\", "C:" or "\\server\share\" was turned
                               // into components ("C:\a" → "C/a", "\\srv\sh\a" → "srv/sh/a")
    Backslashes = 0x2,         // '\' read as a separator
    DroppedEmptyOrDot = 0x4,   // "a//b", "./a", "a/./b" and a trailing '/'
    TrimmedDotsOrSpaces = 0x8, // "name. " → "name"
    RenamedReserved = 0x10,    // "CON.txt" → "_CON.txt" (Windows-reserved device names)
};
Q_DECLARE_FLAGS(PathRewrites, PathRewrite)
Q_DECLARE_OPERATORS_FOR_FLAGS(PathRewrites)

struct PathProblem
{
    PathRejection reason = PathRejection::Empty;
    QString component; // the offending component (or the whole path), for the message
    QString message() const;
};

// A relative path made only of safe components, joined with '/'.
struct SanitizedPath
{
    QString relativePath;
    PathRewrites rewrites;
};

// Either a value or the PathProblem that prevented it.
template<typename T>
using PathResult = Expected<T, PathProblem>;

// Turns a decoded archive name (DecodedDescription::path) into a safe relative path.
// Rewritten (see PathRewrite): absolute prefixes, backslashes, empty and "." components,
// trailing dots and spaces, Windows-reserved names (CON, PRN, AUX, NUL, COM1–9, LPT1–9,
// CONIN$, CONOUT$, with or without extension, any case) get a '_' prefix.
// Rejected (see PathRejection): "..", control characters, unpaired surrogates, device paths,
// components that are only dots/spaces, components over 255 UTF-8 bytes, paths over 4096.
// Pure, no file system access.
PathResult<SanitizedPath> sanitizePath(const QString &decodedPath);

// Joins a sanitised relative path to baseDir and proves the result stays inside it: the base is
// canonicalised (it must exist), and the deepest existing ancestor of the result is
// canonicalised too, so a symlink inside the base that points outside is caught. Returns the
// absolute path (under the canonical base) to write to. Racy by nature against a concurrent
// attacker in the base folder; callers still create files with O_EXCL/QSaveFile.
PathResult<QString> resolveUnder(const QString &baseDir, const SanitizedPath &path);

} // namespace thaw::inventory
