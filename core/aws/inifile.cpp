#include "inifile.h"

#include <QStringDecoder>

namespace thaw::aws {

namespace {

qsizetype indentOf(const QString &line)
{
    qsizetype indent = 0;
    while (indent < line.size() && line.at(indent).isSpace())
        ++indent;
    return indent;
}

bool fail(IniError *error, const QString &fileName, int line, const QString &message)
{
    if (error)
        *error = IniError{fileName, line, message};
    return false;
}

// configparser strips each value once it is complete; multi-line values lose trailing blanks.
void finishValue(IniSection *section)
{
    if (section && !section->entries.isEmpty()) {
        QString &value = section->entries.last().value;
        while (!value.isEmpty() && value.back().isSpace())
            value.chop(1);
    }
}

} // namespace

QString IniError::toString() const
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(file, QString::number(line), message);
    return QStringLiteral("%1: %2").arg(file, message);
}

const IniEntry *IniSection::entry(const QString &key) const
{
    const QString lowered = key.toLower();
    for (const IniEntry &candidate : entries) {
        if (candidate.key == lowered)
            return &candidate;
    }
    return nullptr;
}

QString IniSection::value(const QString &key) const
{
    const IniEntry *found = entry(key);
    return found ? found->value : QString();
}

const IniSection *IniFile::section(const QString &name) const
{
    for (const IniSection &candidate : m_sections) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

std::optional<IniFile> IniFile::parse(const QByteArray &data, const QString &fileName,
                                      IniError *error)
{
    IniFile file;
    QByteArrayView bytes(data);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);

    IniSection *section = nullptr;
    qsizetype valueIndent = -1; // indent of the current key; -1 when no value can continue
    int blankLines = 0;         // blank lines inside a value, kept if a continuation follows
    int lineNumber = 0;
    qsizetype start = 0;
    while (start <= bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        QByteArrayView raw = bytes.sliced(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (raw.endsWith('\r'))
            raw.chop(1);

        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString line = decoder.decode(raw);
        if (decoder.hasError()) {
            fail(error, fileName, lineNumber, QStringLiteral("the line is not valid UTF-8"));
            return std::nullopt;
        }
        const QString stripped = line.trimmed();
        if (stripped.isEmpty()) {
            if (valueIndent >= 0)
                ++blankLines;
            continue;
        }
        if (stripped.startsWith(QLatin1Char('#')) || stripped.startsWith(QLatin1Char(';')))
            continue;

        const qsizetype indent = indentOf(line);
        if (valueIndent >= 0 && indent > valueIndent) {
            QString &value = section->entries.last().value;
            value += QString(blankLines + 1, QLatin1Char('\n')) + stripped;
            blankLines = 0;
            continue;
        }
        finishValue(section);
        valueIndent = -1;
        blankLines = 0;

        if (stripped.startsWith(QLatin1Char('['))) {
            const qsizetype close = stripped.lastIndexOf(QLatin1Char(']'));
            if (close < 0) {
                fail(error, fileName, lineNumber,
                     QStringLiteral("a section header is missing its closing ']'"));
                return std::nullopt;
            }
            const QString name = stripped.mid(1, close - 1).trimmed();
            if (name.isEmpty()) {
                fail(error, fileName, lineNumber, QStringLiteral("the section name is empty"));
                return std::nullopt;
            }
            if (const IniSection *existing = file.section(name)) {
                fail(error, fileName, lineNumber,
                     QStringLiteral("section [%1] already exists (line %2)")
                         .arg(name, QString::number(existing->line)));
                return std::nullopt;
            }
            file.m_sections.append(IniSection{name, lineNumber, {}});
            section = &file.m_sections.last();
            continue;
        }

        if (!section) {
            fail(error, fileName, lineNumber,
                 QStringLiteral("a setting appears before any [section] header"));
            return std::nullopt;
        }
        const qsizetype equals = stripped.indexOf(QLatin1Char('='));
        const qsizetype colon = stripped.indexOf(QLatin1Char(':'));
        const qsizetype delimiter = (equals < 0 || (colon >= 0 && colon < equals)) ? colon : equals;
        if (delimiter < 0) {
            fail(error, fileName, lineNumber,
                 QStringLiteral("expected 'key = value' or a [section] header"));
            return std::nullopt;
        }
        const QString key = stripped.left(delimiter).trimmed().toLower();
        if (key.isEmpty()) {
            fail(error, fileName, lineNumber, QStringLiteral("the key before '=' is empty"));
            return std::nullopt;
        }
        if (const IniEntry *existing = section->entry(key)) {
            fail(error, fileName, lineNumber,
                 QStringLiteral("'%1' is set twice in section [%2] (line %3)")
                     .arg(key, section->name, QString::number(existing->line)));
            return std::nullopt;
        }
        section->entries.append(IniEntry{key, stripped.mid(delimiter + 1).trimmed(), lineNumber});
        valueIndent = indent;
    }
    finishValue(section);
    return file;
}

} // namespace thaw::aws
