#include "publishoutput.h"

#include "partfile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>

namespace thaw::transfer {

bool renameInto(const QString &from, const QString &to, bool replace, QString *error)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    int result = -1;
    if (!replace) {
        result = ::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(),
                             RENAME_NOREPLACE);
        if (result != 0 && (errno == EINVAL || errno == ENOSYS)) {
            if (QFileInfo::exists(to)) {
                errno = EEXIST;
            } else {
                result = ::rename(source.constData(), target.constData());
            }
        }
    } else {
        result = ::rename(source.constData(), target.constData());
    }
    if (result != 0) {
        *error = QStringLiteral("cannot rename %1 to %2: %3")
                     .arg(from, to, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

bool publishOutput(PartFile &part, const QString &outputPath, const QString &journalPath,
                   bool replace, QString *error)
{
    const QString partPath = part.path();
    part.close();
    if (!renameInto(partPath, outputPath, replace, error))
        return false;
    QFile::remove(journalPath);
    return syncDirectory(QFileInfo(outputPath).absolutePath(), error);
}

} // namespace thaw::transfer
