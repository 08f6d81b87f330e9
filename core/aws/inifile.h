#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace thaw::aws {

// Where and why an INI file could not be read: "<file>:<line>: <message>".
struct IniError
{
    QString file;
    int line = 0; // 1-based; 0 when the whole file is at fault
    QString message;

    QString toString() const;
};

// One "key = value" of a section; keys are lower-cased as configparser does.
struct IniEntry
{
    QString key;
    QString value;
    int line = 0;
};

// One "[name]" section, its entries in file order.
struct IniSection
{
    QString name;
    int line = 0;
    QList<IniEntry> entries;

    bool contains(const QString &key) const { return entry(key) != nullptr; }
    QString value(const QString &key) const;
    const IniEntry *entry(const QString &key) const;
};

// The INI dialect botocore reads (Python's configparser.RawConfigParser), parsed from bytes.
class IniFile final
{
public:
    // The rules of RawConfigParser, which botocore uses for ~/.aws/credentials and config:
    // - "[name]" opens a section; the name is taken as written, case included;
    // - "key = value" or "key: value", whitespace around the delimiter and the value dropped,
    //   keys lower-cased; an empty value is allowed, a line with no delimiter is an error;
    // - whole-line comments start with '#' or ';' (possibly indented); there are no inline
    //   comments: "key = v # c" has the value "v # c", as in botocore;
    // - a line indented deeper than its key continues the value, which is how the nested
    //   "s3 =" / "  addressing_style = path" blocks are written; they are kept as a multi-line
    //   value and otherwise ignored by Thaw;
    // - a key before any section, a duplicate section or a duplicate key in one section, and
    //   bytes that are not UTF-8 are errors, reported with the file name and the line.
    static std::optional<IniFile> parse(const QByteArray &data, const QString &fileName,
                                        IniError *error);

    const QList<IniSection> &sections() const { return m_sections; }
    const IniSection *section(const QString &name) const;

private:
    QList<IniSection> m_sections;
};

} // namespace thaw::aws
