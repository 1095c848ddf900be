#pragma once

#include "foundation/Error.h"
#include "foundation/JsonValue.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Signet::StrictJson {

struct Limits
{
    int maxDepth = 32;
};

// Where and why untrusted JSON was refused; offset is the byte position in the input.
struct ParseError
{
    qsizetype offset = 0;
    QString reason;
    [[nodiscard]] QString describe() const;
};

class Document;
class DocumentParser;

// A value in a Document: a small handle with JsonValue's read accessors. A default Node is absent
// (false), which is also what find() returns for a missing member. Valid while its Document holds
// this parse and the parsed text is unchanged.
class Node
{
public:
    class Iterator;
    struct Range;

    Node() = default;
    explicit operator bool() const { return m_document != nullptr; }

    [[nodiscard]] JsonValue::Type type() const;
    [[nodiscard]] bool isNull() const { return type() == JsonValue::Type::Null; }
    [[nodiscard]] bool isBool() const { return type() == JsonValue::Type::Bool; }
    [[nodiscard]] bool isNumber() const { return type() == JsonValue::Type::Number; }
    [[nodiscard]] bool isString() const { return type() == JsonValue::Type::String; }
    [[nodiscard]] bool isArray() const { return type() == JsonValue::Type::Array; }
    [[nodiscard]] bool isObject() const { return type() == JsonValue::Type::Object; }

    // As JsonValue's: the wrong type (or an absent node) gives false, 0 or an empty value.
    [[nodiscard]] bool asBool() const;
    [[nodiscard]] double asNumber() const;
    [[nodiscard]] bool isInteger() const;
    [[nodiscard]] std::int64_t asInteger() const;
    [[nodiscard]] std::string_view asString() const;

    // Members of an object or items of an array, in order; a member's name is name().
    [[nodiscard]] Range children() const;
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::string_view name() const;
    [[nodiscard]] Node find(std::string_view name) const;
    [[nodiscard]] bool contains(std::string_view name) const { return static_cast<bool>(find(name)); }

    // The same value as a tree (what parse() returns), for callers that keep or show it.
    [[nodiscard]] JsonValue toJsonValue() const;

private:
    friend class Document;
    Node(const Document* document, std::uint32_t index)
        : m_document(document)
        , m_index(index)
    {}

    const Document* m_document = nullptr;
    std::uint32_t m_index = 0;
};

// Strictly parsed JSON kept flat: one array of entries, in document order, and strings as views
// into the parsed text (or, for strings with escapes, into the document's own buffer). Parsing
// allocates nothing per value, and parsing again into the same Document reuses its buffers.
class Document
{
public:
    Document() = default;
    // Views into the buffer survive a move (a vector keeps its storage); a copy could not keep them.
    Document(Document&&) noexcept = default;
    Document& operator=(Document&&) noexcept = default;
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    [[nodiscard]] Node root() const { return m_entries.empty() ? Node() : Node(this, 0); }
    // Forgets the parse (root() is absent) and keeps the buffers.
    void clear() { m_entries.clear(); }

private:
    friend class Node;
    friend class DocumentParser;

    struct Entry
    {
        std::string_view name;   // member name when the parent is an object
        std::string_view string; // String
        double number = 0;       // Number
        std::int64_t integer = 0;
        std::uint32_t end = 0;   // index after this value and everything in it
        std::uint32_t count = 0; // members or items
        JsonValue::Type type = JsonValue::Type::Null;
        bool isInteger = false; // Number, as JsonValue::isInteger()
        bool boolean = false;   // Bool
    };

    std::vector<Entry> m_entries;
    std::vector<char> m_unescaped;
};

class Node::Iterator
{
public:
    Node operator*() const { return Node(m_document, m_index); }
    Iterator& operator++();
    bool operator!=(const Iterator& other) const { return m_index != other.m_index; }

private:
    friend class Node;
    Iterator(const Document* document, std::uint32_t index)
        : m_document(document)
        , m_index(index)
    {}
    const Document* m_document;
    std::uint32_t m_index;
};

struct Node::Range
{
    Iterator first, last;
    [[nodiscard]] Iterator begin() const { return first; }
    [[nodiscard]] Iterator end() const { return last; }
};

// Equality of two short texts (member names) without a call to memcmp, which costs more than the
// comparison itself at these sizes.
inline bool sameText(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    if (a.size() > 16)
        return a == b;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i])
            return false;
    }
    return true;
}

// Node's accessors are inline: the claim checks call them a few dozen times per token.
inline JsonValue::Type Node::type() const
{
    return m_document ? m_document->m_entries[m_index].type : JsonValue::Type::Null;
}

inline bool Node::asBool() const
{
    return isBool() && m_document->m_entries[m_index].boolean;
}

inline double Node::asNumber() const
{
    return isNumber() ? m_document->m_entries[m_index].number : 0;
}

inline bool Node::isInteger() const
{
    return isNumber() && m_document->m_entries[m_index].isInteger;
}

inline std::int64_t Node::asInteger() const
{
    return isNumber() ? m_document->m_entries[m_index].integer : 0;
}

inline std::string_view Node::asString() const
{
    return isString() ? m_document->m_entries[m_index].string : std::string_view();
}

inline std::string_view Node::name() const
{
    return m_document ? m_document->m_entries[m_index].name : std::string_view();
}

inline std::size_t Node::size() const
{
    return isArray() || isObject() ? m_document->m_entries[m_index].count : 0;
}

inline Node::Range Node::children() const
{
    if (!isArray() && !isObject())
        return {Iterator(nullptr, 0), Iterator(nullptr, 0)};
    return {Iterator(m_document, m_index + 1), Iterator(m_document, m_document->m_entries[m_index].end)};
}

inline Node::Iterator& Node::Iterator::operator++()
{
    m_index = m_document->m_entries[m_index].end;
    return *this;
}

inline Node Node::find(std::string_view name) const
{
    if (!isObject())
        return {};
    const auto& entries = m_document->m_entries;
    for (std::uint32_t i = m_index + 1, end = entries[m_index].end; i < end; i = entries[i].end) {
        if (sameText(entries[i].name, name))
            return Node(m_document, i);
    }
    return {};
}

// Parses untrusted JSON strictly: RFC 8259 grammar only, UTF-8 validated (no BOM, no overlong forms,
// no surrogates), duplicate member names refused (Qt's parser silently keeps the last), depth capped.
std::expected<JsonValue, ParseError> parse(std::string_view text, Limits limits = {});

// As parse(), and the top level must be an object (JOSE headers and JWT claims).
std::expected<JsonValue, ParseError> parseObject(std::string_view text, Limits limits = {});

// The same rules, into a reusable flat Document (for hot paths): returns its root. On failure the
// document holds nothing usable.
std::expected<Node, ParseError> parseInto(std::string_view text, Document& document, Limits limits = {});
std::expected<Node, ParseError> parseObjectInto(std::string_view text, Document& document, Limits limits = {});

} // namespace Signet::StrictJson
