#include "inventorycsvparser.h"

#include <QByteArray>

#include <array>
#include <string>
#include <vector>

namespace thaw::inventory {

namespace {

// No description is longer than 1,024 bytes; a field this long is a broken file, and the limit
// keeps memory bounded whatever the input.
constexpr size_t MaxFieldBytes = 64 * 1024 * 1024;

enum Column { ArchiveId, Description, CreationDate, Size, TreeHash, ColumnCount };
constexpr std::array<std::string_view, ColumnCount> ColumnNames{
    "ArchiveId", "ArchiveDescription", "CreationDate", "Size", "SHA256TreeHash"};

class CsvParser final
{
public:
    CsvParser(const ArchiveSink &sink, ParseOutcome &outcome)
        : m_sink(sink)
        , m_outcome(outcome)
    {}

    // False when parsing must stop (error or cancel).
    bool feed(const char *data, qint64 size)
    {
        const char *p = data;
        const char *const end = data + size;
        while (p < end) {
            if (m_offset == 0 && m_bomPending) {
                // Skip a UTF-8 BOM at the very start (it may span reads).
                static constexpr char Bom[] = "\xEF\xBB\xBF";
                if (*p == Bom[m_bomMatched]) {
                    ++m_bomMatched;
                    ++p;
                    if (m_bomMatched == 3) {
                        m_bomPending = false;
                        m_offset = 3;
                        m_lineStart = 3;
                    }
                    continue;
                }
                if (m_bomMatched > 0)
                    return failAt({0, 1, 1}, QStringLiteral("a broken byte order mark"));
                m_bomPending = false;
            }
            const char c = *p;
            switch (m_state) {
            case State::FieldStart:
                m_fieldOffset = m_offset;
                m_fieldLine = m_line;
                m_fieldColumn = m_offset - m_lineStart + 1;
                if (c == '"') {
                    m_state = State::Quoted;
                } else if (c == ',') {
                    if (!endField())
                        return false;
                } else if (c == '\n') {
                    if (!endField() || !endRow())
                        return false;
                } else if (c == '\r') {
                    if (!endField())
                        return false;
                    m_state = State::AfterCr;
                } else {
                    m_state = State::Unquoted;
                    continue; // the same byte, in the unquoted run below
                }
                break;
            case State::Unquoted: {
                // The fast path: copy the run up to the next special byte at once.
                const char *run = p;
                while (run < end && *run != ',' && *run != '\n' && *run != '\r' && *run != '"')
                    ++run;
                if (!append(p, run - p))
                    return false;
                m_offset += run - p;
                p = run;
                if (p == end)
                    return true;
                const char s = *p;
                if (s == '"')
                    return fail(m_offset, QStringLiteral("a double quote inside an unquoted "
                                                         "field"));
                if (!endField())
                    return false;
                if (s == '\n') {
                    if (!endRow())
                        return false;
                    newLine(m_offset + 1);
                } else if (s == '\r') {
                    m_state = State::AfterCr;
                }
                ++m_offset;
                ++p;
                continue;
            }
            case State::Quoted:
                if (c == '\\') {
                    m_state = State::QuotedBackslash;
                } else if (c == '"') {
                    m_state = State::AfterQuote;
                } else {
                    const char *run = p;
                    while (run < end && *run != '\\' && *run != '"' && *run != '\n')
                        ++run;
                    if (run == p)
                        ++run; // a line break: counted below
                    if (!append(p, run - p))
                        return false;
                    if (run[-1] == '\n')
                        newLine(m_offset + (run - p));
                    m_offset += run - p;
                    p = run;
                    continue;
                }
                break;
            case State::QuotedBackslash:
                // \" is a quote; any other backslash is kept (Glacier does not escape it), and
                // may itself escape the quote after it: "1\\"2" is 1\"2.
                if (c == '"') {
                    m_field.push_back('"');
                    m_state = State::Quoted;
                } else if (c == '\\') {
                    m_field.push_back('\\');
                } else {
                    m_field.push_back('\\');
                    m_state = State::Quoted;
                    continue; // the byte itself is ordinary quoted data
                }
                break;
            case State::AfterQuote:
                if (c == '"') {
                    m_field.push_back('"'); // RFC 4180 "" inside quotes
                    m_state = State::Quoted;
                } else if (c == ',') {
                    if (!endField())
                        return false;
                } else if (c == '\n') {
                    if (!endField() || !endRow())
                        return false;
                } else if (c == '\r') {
                    if (!endField())
                        return false;
                    m_state = State::AfterCr;
                } else {
                    return fail(m_offset, QStringLiteral("unexpected character after a closing "
                                                         "quote"));
                }
                break;
            case State::AfterCr:
                if (c != '\n')
                    return fail(m_offset - 1, QStringLiteral("a carriage return not followed by "
                                                             "a line feed"));
                if (!endRow())
                    return false;
                break;
            }
            if (c == '\n' && m_state == State::FieldStart)
                newLine(m_offset + 1);
            ++m_offset;
            ++p;
        }
        return true;
    }

    bool finish()
    {
        switch (m_state) {
        case State::FieldStart:
            if (m_fieldCount > 0 && (!endField() || !endRow()))
                return false;
            break;
        case State::Unquoted:
        case State::AfterQuote:
            if (!endField() || !endRow())
                return false;
            break;
        case State::AfterCr:
            if (!endRow())
                return false;
            break;
        case State::Quoted:
        case State::QuotedBackslash:
            return failAt({m_fieldOffset, m_fieldLine, m_fieldColumn},
                          QStringLiteral("a quoted field is never closed (the input "
                                                      "ends inside it)"));
        }
        if (!m_headerSeen)
            return fail(m_offset, QStringLiteral("the input is empty: no header row"));
        return true;
    }

    qint64 offset() const { return m_offset; }
    bool cancelled() const { return m_cancelled; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuotedBackslash, AfterQuote, AfterCr };

    void newLine(qint64 nextLineStart)
    {
        ++m_line;
        m_lineStart = nextLineStart;
    }

    bool append(const char *data, qint64 size)
    {
        if (m_field.size() + size_t(size) > MaxFieldBytes)
            return failAt({m_fieldOffset, m_fieldLine, m_fieldColumn},
                          QStringLiteral("a field longer than 64 MiB"));
        m_field.append(data, size_t(size));
        return true;
    }

    bool endField()
    {
        if (size_t(m_fieldCount) >= m_fields.size())
            m_fields.emplace_back();
        m_fields[size_t(m_fieldCount)].swap(m_field);
        m_field.clear();
        if (size_t(m_fieldCount) >= m_positions.size())
            m_positions.resize(size_t(m_fieldCount) + 1);
        m_positions[size_t(m_fieldCount)] = {m_fieldOffset, m_fieldLine, m_fieldColumn};
        ++m_fieldCount;
        m_state = State::FieldStart;
        m_fieldOffset = m_offset + 1;
        m_fieldLine = m_line;
        m_fieldColumn = m_fieldOffset - m_lineStart + 1;
        return true;
    }

    bool endRow()
    {
        const int count = m_fieldCount;
        m_fieldCount = 0;
        m_state = State::FieldStart;
        if (count == 1 && m_fields[0].empty())
            return true; // a blank line
        if (!m_headerSeen)
            return readHeader(count);
        if (count != m_columnCount) {
            return failAt(m_positions[0],
                        QStringLiteral("a row with %1 fields where the header has %2")
                            .arg(count)
                            .arg(m_columnCount));
        }
        const std::string &sizeText = m_fields[size_t(m_columns[Size])];
        // At most 18 digits, checked before any arithmetic: 10^18 - 1 fits in qint64.
        qint64 size = 0;
        bool valid = !sizeText.empty() && sizeText.size() <= 18;
        for (size_t i = 0; valid && i < sizeText.size(); ++i) {
            const char d = sizeText[i];
            valid = d >= '0' && d <= '9';
            if (valid)
                size = size * 10 + (d - '0');
        }
        if (!valid) {
            return failAt(m_positions[size_t(m_columns[Size])],
                        QStringLiteral("Size is not a whole number: \"%1\"")
                            .arg(QString::fromUtf8(sizeText.data(),
                                                   qsizetype(std::min<size_t>(sizeText.size(),
                                                                              40)))));
        }
        if (m_fields[size_t(m_columns[ArchiveId])].empty())
            return failAt(m_positions[size_t(m_columns[ArchiveId])],
                        QStringLiteral("an empty ArchiveId"));
        ++m_outcome.archives;
        if (!m_sink(ArchiveEntry{m_fields[size_t(m_columns[ArchiveId])],
                                 m_fields[size_t(m_columns[Description])],
                                 m_fields[size_t(m_columns[CreationDate])],
                                 m_fields[size_t(m_columns[TreeHash])], size})) {
            m_cancelled = true;
            return false;
        }
        return true;
    }

    bool readHeader(int count)
    {
        m_headerSeen = true;
        m_columnCount = count;
        m_columns.fill(-1);
        for (int i = 0; i < count; ++i) {
            for (int column = 0; column < ColumnCount; ++column) {
                if (m_fields[size_t(i)] == ColumnNames[size_t(column)])
                    m_columns[size_t(column)] = i;
            }
        }
        for (int column = 0; column < ColumnCount; ++column) {
            if (m_columns[size_t(column)] < 0)
                return failAt({0, 1, 1}, QStringLiteral("the header row has no %1 column")
                                   .arg(QLatin1String(ColumnNames[size_t(column)].data(),
                                                      qsizetype(ColumnNames[size_t(column)]
                                                                    .size()))));
        }
        return true;
    }

    struct Position
    {
        qint64 offset = 0;
        qint64 line = 1;
        qint64 column = 1; // in bytes
    };

    // An error at a byte of the current line.
    bool fail(qint64 offset, const QString &why)
    {
        return failAt({offset, m_line, offset - m_lineStart + 1}, why);
    }

    bool failAt(Position at, const QString &why)
    {
        ParseError error;
        error.offset = at.offset;
        error.line = at.line;
        error.column = at.column;
        error.message = QStringLiteral("line %1, column %2 (byte %3): %4")
                            .arg(at.line)
                            .arg(at.column)
                            .arg(at.offset)
                            .arg(why);
        m_outcome.error = std::move(error);
        return false;
    }

    const ArchiveSink &m_sink;
    ParseOutcome &m_outcome;
    State m_state = State::FieldStart;
    std::string m_field;
    std::vector<std::string> m_fields;
    std::vector<Position> m_positions;
    int m_fieldCount = 0;
    bool m_headerSeen = false;
    int m_columnCount = 0;
    std::array<int, ColumnCount> m_columns{};
    qint64 m_offset = 0;
    qint64 m_fieldOffset = 0;
    qint64 m_line = 1;
    qint64 m_fieldLine = 1;
    qint64 m_fieldColumn = 1;
    qint64 m_lineStart = 0;
    bool m_bomPending = true;
    int m_bomMatched = 0;
    bool m_cancelled = false;
};

} // namespace

ParseOutcome parseInventoryCsv(const ReadFunction &read, const ArchiveSink &sink,
                               qint64 chunkSize)
{
    ParseOutcome outcome;
    CsvParser parser(sink, outcome);
    QByteArray buffer(qsizetype(std::max<qint64>(chunkSize, 1)), Qt::Uninitialized);
    for (;;) {
        const qint64 got = read(buffer.data(), buffer.size());
        if (got < 0) {
            outcome.bytes = parser.offset();
            outcome.error = ParseError{parser.offset(), 0, 0,
                                       QStringLiteral("reading the inventory failed after %1 "
                                                      "bytes")
                                           .arg(parser.offset())};
            return outcome;
        }
        if (got == 0)
            break;
        if (!parser.feed(buffer.constData(), got)) {
            outcome.bytes = parser.offset();
            outcome.cancelled = parser.cancelled();
            return outcome;
        }
    }
    parser.finish();
    outcome.bytes = parser.offset();
    return outcome;
}

} // namespace thaw::inventory
