// Archive names come from whoever uploaded the archive (or from a lying inventory): before one
// becomes a file name under the user's restore folder it must be relative, free of traversal
// and of names Windows cannot create. Rules follow Microsoft's "Naming Files, Paths, and
// Namespaces" (https://learn.microsoft.com/windows/win32/fileio/naming-a-file) and POSIX
// NAME_MAX/PATH_MAX.

#include "pathsanitizer.h"

#include <QFileInfo>

#include <array>

namespace thaw::inventory {

namespace {

using namespace Qt::StringLiterals;

constexpr qsizetype kMaxComponentUtf8 = 255;
constexpr qsizetype kMaxPathUtf8 = 4096;

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

qsizetype utf8Length(QStringView s)
{
    qsizetype bytes = 0;
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u < 0x80)
            bytes += 1;
        else if (u < 0x800 || c.isSurrogate()) // a surrogate pair is 4 bytes: 2 per unit
            bytes += 2;
        else
            bytes += 3;
    }
    return bytes;
}

// Windows reserves these device names in every folder, with or without extension ("nul.txt",
// "COM1.tar.gz") and with trailing spaces before the dot ("CON .txt"). COM0/LPT0 and the
// superscript digits are reserved too on current Windows.
bool isWindowsReserved(QStringView component)
{
    QStringView base = component;
    if (const qsizetype dot = base.indexOf(u'.'); dot >= 0)
        base = base.first(dot);
    while (base.endsWith(u' '))
        base.chop(1);
    static constexpr std::array kPlain = {u"CON", u"PRN", u"AUX", u"NUL", u"CONIN$", u"CONOUT$"};
    for (const char16_t *name : kPlain) {
        if (base.compare(QStringView(name), Qt::CaseInsensitive) == 0)
            return true;
    }
    if (base.size() == 4
        && (base.first(3).compare(u"COM", Qt::CaseInsensitive) == 0
            || base.first(3).compare(u"LPT", Qt::CaseInsensitive) == 0)) {
        const char16_t d = base[3].unicode();
        return (d >= u'0' && d <= u'9') || d == u'\u00B9' || d == u'\u00B2' || d == u'\u00B3';
    }
    return false;
}

PathProblem problem(PathRejection reason, QString component)
{
    return PathProblem{reason, std::move(component)};
}

} // namespace

QString PathProblem::message() const
{
    // Show control characters and lone surrogates visibly instead of writing them to a log.
    QString shown;
    const QString cut = component.left(80);
    for (const QChar c : cut) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F || c.isSurrogate())
            shown += u"\\u%1"_s.arg(uint(c.unicode()), 4, 16, QChar(u'0'));
        else
            shown += c;
    }
    if (component.size() > cut.size())
        shown += u"…"_s;

    switch (reason) {
    case PathRejection::Empty:
        return u"The archive name is empty"_s;
    case PathRejection::ParentTraversal:
        return u"The archive name \"%1\" contains a \"..\" component"_s.arg(shown);
    case PathRejection::ControlCharacter:
        return u"The archive name \"%1\" contains a control character"_s.arg(shown);
    case PathRejection::InvalidUnicode:
        return u"The archive name \"%1\" is not valid Unicode"_s.arg(shown);
    case PathRejection::DevicePath:
        return u"The archive name \"%1\" is a Windows device path"_s.arg(shown);
    case PathRejection::OnlyDotsOrSpaces:
        return u"The archive name \"%1\" has a component made only of dots or spaces"_s.arg(shown);
    case PathRejection::ComponentTooLong:
        return u"A component of the archive name \"%1\" is longer than 255 bytes"_s.arg(shown);
    case PathRejection::PathTooLong:
        return u"The archive name \"%1\" is longer than 4096 bytes"_s.arg(shown);
    case PathRejection::BaseDirMissing:
        return u"The folder \"%1\" does not exist"_s.arg(shown);
    case PathRejection::OutsideBase:
        return u"\"%1\" would be written outside the chosen folder"_s.arg(shown);
    }
    return u"The archive name \"%1\" cannot be used as a file name"_s.arg(shown);
}

PathResult<SanitizedPath> sanitizePath(const QString &decodedPath)
{
    if (decodedPath.isEmpty())
        return problem(PathRejection::Empty, decodedPath);

    // Whole-string checks first, so the message names the real reason.
    for (qsizetype i = 0; i < decodedPath.size(); ++i) {
        const QChar c = decodedPath[i];
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return problem(PathRejection::ControlCharacter, decodedPath);
        if (c.isHighSurrogate() && i + 1 < decodedPath.size()
            && decodedPath[i + 1].isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate())
            return problem(PathRejection::InvalidUnicode, decodedPath);
    }

    PathRewrites rewrites;
    QString s = decodedPath;
    if (s.contains(u'\\')) {
        s.replace(u'\\', u'/');
        rewrites |= PathRewrite::Backslashes;
    }

    QStringView rest(s);
    if (rest.startsWith(u"//")) {
        // UNC \\server\share\… ; the device namespaces \\?\ and \\.\ are refused outright.
        rest = rest.sliced(2);
        const qsizetype slash = rest.indexOf(u'/');
        const QStringView first = slash < 0 ? rest : rest.first(slash);
        if (first == u"?" || first == u".")
            return problem(PathRejection::DevicePath, decodedPath);
        rewrites |= PathRewrite::MadeRelative;
    }
    while (rest.startsWith(u'/')) {
        rest = rest.sliced(1);
        rewrites |= PathRewrite::MadeRelative;
    }
    QString out;
    out.reserve(rest.size() + 2);
    qsizetype partCount = 0;
    bool driveOnly = false; // the only part so far is a drive letter
    auto appendPart = [&](QStringView part) {
        if (partCount++ > 0)
            out += u'/';
        out += part;
    };
    qsizetype start = 0;
    while (start <= rest.size()) {
        qsizetype end = rest.indexOf(u'/', start);
        if (end < 0)
            end = rest.size();
        QStringView component = rest.sliced(start, end - start);
        start = end + 1;

        // "C:\a", "C:/a", drive-relative "C:a", also after dropped components ("./C:/a"): the
        // letter becomes a folder so that C:\a and D:\a do not collide. Only the first kept
        // component can be a drive, so no result starts with "X:" and sanitising is idempotent.
        if (partCount == 0 && component.size() >= 2 && isAsciiLetter(component[0])
            && component[1] == u':') {
            appendPart(component.first(1));
            component = component.sliced(2);
            rewrites |= PathRewrite::MadeRelative;
            driveOnly = true;
            if (component.isEmpty())
                continue;
        }
        if (component.isEmpty() || component == u".") {
            rewrites |= PathRewrite::DroppedEmptyOrDot;
            continue;
        }
        if (component == u"..")
            return problem(PathRejection::ParentTraversal, decodedPath);
        const qsizetype originalSize = component.size();
        while (component.endsWith(u'.') || component.endsWith(u' '))
            component.chop(1);
        if (component.isEmpty())
            return problem(PathRejection::OnlyDotsOrSpaces, decodedPath);
        if (component.size() != originalSize)
            rewrites |= PathRewrite::TrimmedDotsOrSpaces;
        const bool reserved = isWindowsReserved(component);
        if (utf8Length(component) + (reserved ? 1 : 0) > kMaxComponentUtf8) {
            return problem(PathRejection::ComponentTooLong,
                           (reserved ? u"_"_s : QString()) + component.toString());
        }
        if (reserved) {
            rewrites |= PathRewrite::RenamedReserved;
            appendPart(u"_");
            out += component; // no separator between '_' and the name
        } else {
            appendPart(component);
        }
        driveOnly = driveOnly && partCount == 1;
    }
    // "C:\" alone names a drive, not a file.
    if (partCount == 0 || (driveOnly && partCount == 1))
        return problem(PathRejection::Empty, decodedPath);
    if (utf8Length(out) > kMaxPathUtf8)
        return problem(PathRejection::PathTooLong, decodedPath);
    return SanitizedPath{std::move(out), rewrites};
}

PathResult<QString> resolveUnder(const QString &baseDir, const SanitizedPath &path)
{
    const QFileInfo baseInfo(baseDir);
    const QString base = baseInfo.canonicalFilePath();
    if (baseDir.isEmpty() || base.isEmpty() || !baseInfo.isDir())
        return problem(PathRejection::BaseDirMissing, baseDir);

    // Never trust that the caller passed sanitizePath()'s output unchanged.
    const PathResult<SanitizedPath> again = sanitizePath(path.relativePath);
    if (!again)
        return again.error();
    const QString prefix = base.endsWith(u'/') ? base : base + u'/';
    const QString target = prefix + again->relativePath;

    // The deepest part of the target that exists (a dangling symlink counts) decides where the
    // rest would be created: its canonical path must be the base or inside it.
    QString probe = target;
    for (;;) {
        const QFileInfo info(probe);
        if (info.exists() || info.isSymLink())
            break;
        const qsizetype slash = probe.lastIndexOf(u'/');
        if (slash < prefix.size() - 1) { // cannot happen: the base exists
            probe = base;
            break;
        }
        probe.truncate(slash);
    }
    const QString canonical = QFileInfo(probe).canonicalFilePath();
    const bool inside = !canonical.isEmpty() && (canonical == base || canonical.startsWith(prefix));
    if (!inside)
        return problem(PathRejection::OutsideBase, path.relativePath);
    return target;
}

} // namespace thaw::inventory
