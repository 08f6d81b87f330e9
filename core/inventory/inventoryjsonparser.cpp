#include "inventoryjsonparser.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace thaw::inventory {

namespace {

// A RapidJSON input stream over a ReadFunction: one buffer, refilled as the reader takes bytes
// (the same shape as rapidjson::FileReadStream). Counts line breaks of consumed buffers so that
// an error can be given a line and column.
class ChunkStream final
{
public:
    using Ch = char;

    ChunkStream(const ReadFunction &read, qint64 chunkSize)
        : m_read(read)
        , m_buffer(size_t(std::max<qint64>(chunkSize, 1)) + 1)
    {
        m_current = m_end = m_buffer.data();
        refill();
    }

    Ch Peek() const { return *m_current; }
    Ch Take()
    {
        const Ch c = *m_current;
        if (m_current < m_end) {
            ++m_current;
            if (m_current == m_end)
                refill();
        }
        return c;
    }
    size_t Tell() const { return size_t(m_consumedBefore + (m_current - m_buffer.data())); }

    // Only for in-situ parsing, which is never used.
    Ch *PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    size_t PutEnd(Ch *) { return 0; }

    bool readFailed() const { return m_readFailed; }

    // Line and column (1-based, column in bytes) of a byte offset in the buffer or before it.
    // An offset in an earlier buffer is placed on the last line seen before this buffer (errors
    // point at most one token back, and tokens hold no raw line breaks).
    std::pair<qint64, qint64> lineColumn(qint64 offset) const
    {
        const char *base = m_buffer.data();
        if (offset < m_consumedBefore)
            return {m_linesBefore + 1, std::max<qint64>(offset - m_lineStartBefore, 0) + 1};
        const qint64 inBuffer = std::min<qint64>(offset - m_consumedBefore, m_end - base);
        const char *at = base + inBuffer;
        const qint64 line = m_linesBefore + std::count(base, at, '\n') + 1;
        const char *lineStart = at;
        while (lineStart > base && lineStart[-1] != '\n')
            --lineStart;
        const qint64 column = lineStart == base ? offset - m_lineStartBefore + 1
                                                : at - lineStart + 1;
        return {line, column};
    }

private:
    void refill()
    {
        if (m_eof)
            return;
        const char *base = m_buffer.data();
        const char *end = m_end;
        const char *afterBreak = end;
        while (afterBreak > base && afterBreak[-1] != '\n')
            --afterBreak;
        m_linesBefore += std::count(base, end, '\n');
        if (afterBreak != base || (end > base && base[0] == '\n'))
            m_lineStartBefore = m_consumedBefore + (afterBreak - base);
        m_consumedBefore += m_end - base;
        const qint64 got = m_read(m_buffer.data(), qint64(m_buffer.size() - 1));
        if (got <= 0) {
            m_readFailed = got < 0;
            m_eof = true;
            m_buffer[0] = '\0';
            m_current = m_end = m_buffer.data();
            return;
        }
        m_current = m_buffer.data();
        m_end = m_buffer.data() + got;
        *m_end = '\0';
    }

    const ReadFunction &m_read;
    std::vector<char> m_buffer;
    char *m_current;
    char *m_end;
    qint64 m_consumedBefore = 0;
    qint64 m_linesBefore = 0;
    qint64 m_lineStartBefore = 0; // offset where the last line of earlier buffers starts
    bool m_eof = false;
    bool m_readFailed = false;
};

enum class Field { None, ArchiveId, Description, CreationDate, Size, TreeHash, VaultArn,
                   InventoryDate, ArchiveList, Other };

// The SAX handler: a small state machine over the documented shape of an inventory.
class Handler final : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler>
{
public:
    Handler(const ArchiveSink &sink, ParseOutcome &outcome)
        : m_sink(sink)
        , m_outcome(outcome)
    {}

    QString error;    // set when the handler stopped the parse
    bool cancelled = false;
    bool sawArchiveList = false;

    bool Null() { return scalar(Kind::Null, {}, 0, 0); }
    bool Bool(bool) { return scalar(Kind::Other, {}, 0, 0); }
    bool Int(int i) { return scalar(Kind::Integer, {}, i, 0); }
    bool Uint(unsigned u) { return scalar(Kind::Integer, {}, qint64(u), 0); }
    bool Int64(int64_t i) { return scalar(Kind::Integer, {}, i, 0); }
    bool Uint64(uint64_t u)
    {
        if (u > uint64_t(std::numeric_limits<qint64>::max()))
            return scalar(Kind::Double, {}, 0, double(u));
        return scalar(Kind::Integer, {}, qint64(u), 0);
    }
    bool Double(double d) { return scalar(Kind::Double, {}, 0, d); }
    bool String(const char *s, rapidjson::SizeType length, bool)
    {
        return scalar(Kind::String, std::string_view(s, length), 0, 0);
    }
    bool Key(const char *s, rapidjson::SizeType length, bool)
    {
        if (m_skipDepth > 0)
            return true;
        const std::string_view key(s, length);
        if (m_state == State::Root) {
            m_field = key == "VaultARN"        ? Field::VaultArn
                      : key == "InventoryDate" ? Field::InventoryDate
                      : key == "ArchiveList"   ? Field::ArchiveList
                                               : Field::Other;
            if (m_field == Field::ArchiveList && sawArchiveList)
                return fail(QStringLiteral("ArchiveList appears twice"));
        } else if (m_state == State::Archive) {
            m_field = key == "ArchiveId"            ? Field::ArchiveId
                      : key == "ArchiveDescription" ? Field::Description
                      : key == "CreationDate"       ? Field::CreationDate
                      : key == "Size"               ? Field::Size
                      : key == "SHA256TreeHash"     ? Field::TreeHash
                                                    : Field::Other;
        }
        return true;
    }
    bool StartObject()
    {
        if (m_skipDepth > 0 || m_field == Field::Other) {
            ++m_skipDepth;
            return true;
        }
        switch (m_state) {
        case State::Start:
            m_state = State::Root;
            return true;
        case State::List:
            m_state = State::Archive;
            m_archiveId.clear();
            m_description.clear();
            m_creationDate.clear();
            m_treeHash.clear();
            m_hasId = m_hasSize = false;
            m_size = 0;
            m_field = Field::None;
            return true;
        case State::Root:
            return fail(QStringLiteral("%1 must not be an object").arg(fieldName()));
        case State::Archive:
            return fail(QStringLiteral("%1 must not be an object").arg(fieldName()));
        case State::Done:
            break;
        }
        return fail(QStringLiteral("unexpected object"));
    }
    bool EndObject(rapidjson::SizeType)
    {
        if (m_skipDepth > 0)
            return endSkipped();
        if (m_state == State::Archive) {
            if (!m_hasId)
                return fail(QStringLiteral("an archive has no ArchiveId"));
            if (!m_hasSize)
                return fail(QStringLiteral("archive %1 has no Size")
                                .arg(QString::fromUtf8(m_archiveId.data(),
                                                       qsizetype(m_archiveId.size()))));
            ++m_outcome.archives;
            m_state = State::List;
            m_field = Field::None;
            if (!m_sink(ArchiveEntry{m_archiveId, m_description, m_creationDate, m_treeHash,
                                     m_size})) {
                cancelled = true;
                return false;
            }
            return true;
        }
        if (m_state == State::Root) {
            if (!sawArchiveList)
                return fail(QStringLiteral("the inventory has no ArchiveList"));
            m_state = State::Done;
            return true;
        }
        return fail(QStringLiteral("unexpected end of object"));
    }
    bool StartArray()
    {
        if (m_skipDepth > 0 || m_field == Field::Other) {
            ++m_skipDepth;
            return true;
        }
        if (m_state == State::Root && m_field == Field::ArchiveList) {
            sawArchiveList = true;
            m_state = State::List;
            return true;
        }
        if (m_state == State::Start)
            return fail(QStringLiteral("an inventory is a JSON object, not an array"));
        return fail(QStringLiteral("%1 must not be an array").arg(fieldName()));
    }
    bool EndArray(rapidjson::SizeType)
    {
        if (m_skipDepth > 0)
            return endSkipped();
        if (m_state == State::List) {
            m_state = State::Root;
            m_field = Field::None;
            return true;
        }
        return fail(QStringLiteral("unexpected end of array"));
    }

private:
    enum class State { Start, Root, List, Archive, Done };
    enum class Kind { Null, String, Integer, Double, Other };

    bool fail(QString message)
    {
        error = std::move(message);
        return false;
    }

    QString fieldName() const
    {
        switch (m_field) {
        case Field::ArchiveId:
            return QStringLiteral("ArchiveId");
        case Field::Description:
            return QStringLiteral("ArchiveDescription");
        case Field::CreationDate:
            return QStringLiteral("CreationDate");
        case Field::Size:
            return QStringLiteral("Size");
        case Field::TreeHash:
            return QStringLiteral("SHA256TreeHash");
        case Field::VaultArn:
            return QStringLiteral("VaultARN");
        case Field::InventoryDate:
            return QStringLiteral("InventoryDate");
        case Field::ArchiveList:
            return QStringLiteral("ArchiveList");
        case Field::None:
        case Field::Other:
            break;
        }
        return m_state == State::List ? QStringLiteral("an ArchiveList element")
                                      : QStringLiteral("the value");
    }

    bool endSkipped()
    {
        if (--m_skipDepth == 0)
            m_field = Field::None;
        return true;
    }

    bool scalar(Kind kind, std::string_view text, qint64 integer, double real)
    {
        if (m_skipDepth > 0)
            return true;
        const Field field = m_field;
        m_field = Field::None;
        switch (m_state) {
        case State::Start:
            return fail(QStringLiteral("an inventory is a JSON object"));
        case State::List:
            return fail(QStringLiteral("ArchiveList holds something that is not an object"));
        case State::Done:
            return fail(QStringLiteral("unexpected value after the inventory"));
        case State::Root:
            if (field == Field::VaultArn || field == Field::InventoryDate) {
                if (kind == Kind::Null)
                    return true;
                if (kind != Kind::String)
                    return fail(field == Field::VaultArn
                                    ? QStringLiteral("VaultARN must be a string")
                                    : QStringLiteral("InventoryDate must be a string"));
                const QString value = QString::fromUtf8(text.data(), qsizetype(text.size()));
                (field == Field::VaultArn ? m_outcome.header.vaultArn
                                          : m_outcome.header.inventoryDate)
                    = value;
                return true;
            }
            if (field == Field::ArchiveList)
                return fail(QStringLiteral("ArchiveList must be an array"));
            return true;
        case State::Archive:
            break;
        }
        switch (field) {
        case Field::ArchiveId:
        case Field::Description:
        case Field::CreationDate:
        case Field::TreeHash: {
            if (kind == Kind::Null && field != Field::ArchiveId)
                return true;
            if (kind != Kind::String)
                return fail(QStringLiteral("%1 must be a string").arg(fieldName(field)));
            std::string &target = field == Field::ArchiveId     ? m_archiveId
                                  : field == Field::Description ? m_description
                                  : field == Field::CreationDate ? m_creationDate
                                                                 : m_treeHash;
            target.assign(text);
            if (field == Field::ArchiveId)
                m_hasId = true;
            return true;
        }
        case Field::Size:
            if (kind == Kind::Integer && integer >= 0) {
                m_size = integer;
            } else if (kind == Kind::Double && real >= 0 && real < 9.2e18
                       && std::floor(real) == real) {
                m_size = qint64(real);
            } else {
                return fail(QStringLiteral("Size must be a whole number of bytes, not negative"));
            }
            m_hasSize = true;
            return true;
        default:
            return true;
        }
    }

    static QString fieldName(Field field)
    {
        switch (field) {
        case Field::ArchiveId:
            return QStringLiteral("ArchiveId");
        case Field::Description:
            return QStringLiteral("ArchiveDescription");
        case Field::CreationDate:
            return QStringLiteral("CreationDate");
        case Field::TreeHash:
            return QStringLiteral("SHA256TreeHash");
        default:
            return QStringLiteral("the value");
        }
    }

    const ArchiveSink &m_sink;
    ParseOutcome &m_outcome;
    State m_state = State::Start;
    Field m_field = Field::None;
    int m_skipDepth = 0;
    std::string m_archiveId;
    std::string m_description;
    std::string m_creationDate;
    std::string m_treeHash;
    qint64 m_size = 0;
    bool m_hasId = false;
    bool m_hasSize = false;
};

} // namespace

ParseOutcome parseInventoryJson(const ReadFunction &read, const ArchiveSink &sink,
                                qint64 chunkSize)
{
    ParseOutcome outcome;
    ChunkStream stream(read, chunkSize);
    // A UTF-8 byte order mark is allowed before the object.
    if (stream.Peek() == '\xEF') {
        stream.Take();
        if (stream.Take() != '\xBB' || stream.Take() != '\xBF') {
            outcome.error = ParseError{0, 1, 1, QStringLiteral("line 1, column 1 (byte 0): "
                                                               "not JSON")};
            return outcome;
        }
    }
    Handler handler(sink, outcome);
    rapidjson::Reader reader;
    // No UTF-8 validation here (it cost 11 % of an import): bytes pass through as they are and
    // every consumer (decodeDescription, QString::fromUtf8) replaces what is not UTF-8.
    const rapidjson::ParseResult result
        = reader.Parse<rapidjson::kParseDefaultFlags>(stream, handler);
    outcome.bytes = qint64(stream.Tell());
    if (stream.readFailed()) {
        outcome.error = ParseError{outcome.bytes, 0, 0,
                                   QStringLiteral("reading the inventory failed after %1 bytes")
                                       .arg(outcome.bytes)};
        return outcome;
    }
    if (result)
        return outcome;
    if (handler.cancelled) {
        outcome.cancelled = true;
        return outcome;
    }
    ParseError error;
    error.offset = qint64(result.Offset());
    const auto [line, column] = stream.lineColumn(error.offset);
    error.line = line;
    error.column = column;
    const QString why = !handler.error.isEmpty()
                            ? handler.error
                            : QString::fromLatin1(rapidjson::GetParseError_En(result.Code()));
    error.message = QStringLiteral("line %1, column %2 (byte %3): %4")
                        .arg(line)
                        .arg(column)
                        .arg(error.offset)
                        .arg(why);
    outcome.error = std::move(error);
    return outcome;
}

} // namespace thaw::inventory
