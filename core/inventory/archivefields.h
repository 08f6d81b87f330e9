#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <string>
#include <string_view>

// Small pure helpers shared by the importer and the reader: dates as they appear in
// inventories, and a decoded path split into the folder tree.
namespace thaw::inventory {

// Milliseconds since the epoch of an ISO 8601 UTC time as Glacier writes it
// ("2012-05-15T17:19:46.700Z", "2011-12-12T14:19:01Z", "+00:00" also taken); nullopt when
// the text is not such a time.
std::optional<qint64> isoToMsecs(std::string_view text);

// A decoded path split for the folder tree: '/' and '\' both separate, empty segments are
// dropped, the last segment is the file. "a\\b//c.txt" -> folder "a/b", file "c.txt".
struct SplitPath
{
    std::string folder; // "" for the root
    std::string fileName;
};
SplitPath splitDecodedPath(std::string_view utf8Path);

// The folder that holds a folder ("a/b" -> "a", "a" -> "").
std::string_view parentFolder(std::string_view folder);

} // namespace thaw::inventory
