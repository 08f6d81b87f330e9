#pragma once

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

// Deterministic pseudo-random test bytes.
inline QByteArray testBytes(qint64 size, quint32 seed = 42)
{
    QRandomGenerator generator(seed);
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char(generator.bounded(256));
    return data;
}

// An independent reader for Amazon's inventory CSV dialect (api-job-output-get.md): a field
// may be enclosed in double quotes; inside, \" is a double quote; a backslash is otherwise
// literal; an unquoted line break ends the row.
inline QList<QList<QByteArray>> parseAmazonCsv(const QByteArray &text)
{
    QList<QList<QByteArray>> rows;
    QList<QByteArray> row;
    QByteArray field;
    bool quoted = false;
    bool fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '\\' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            row.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == '\n') {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}
