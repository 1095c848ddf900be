#pragma once

#include <QJsonValue>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Signet {

// A small JSON value type for the hot paths (token decode and build). Objects keep their members in
// insertion order and, when produced by StrictJson, have unique names. Strings are UTF-8.
// Converts to and from QJsonValue for display and for callers that prefer Qt types.
class JsonValue
{
public:
    enum class Type : std::uint8_t
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };
    using Member = std::pair<std::string, JsonValue>;
    using Array = std::vector<JsonValue>;
    using Object = std::vector<Member>;

    JsonValue() = default;
    static JsonValue null() { return {}; }
    static JsonValue boolean(bool value);
    static JsonValue number(double value);
    static JsonValue integer(std::int64_t value);
    static JsonValue string(std::string value);
    static JsonValue array(Array items = {});
    static JsonValue object(Object members = {});

    [[nodiscard]] Type type() const { return m_type; }
    [[nodiscard]] bool isNull() const { return m_type == Type::Null; }
    [[nodiscard]] bool isBool() const { return m_type == Type::Bool; }
    [[nodiscard]] bool isNumber() const { return m_type == Type::Number; }
    [[nodiscard]] bool isString() const { return m_type == Type::String; }
    [[nodiscard]] bool isArray() const { return m_type == Type::Array; }
    [[nodiscard]] bool isObject() const { return m_type == Type::Object; }

    [[nodiscard]] bool asBool() const { return m_bool; }
    [[nodiscard]] double asNumber() const { return m_number; }
    // True when the number was written (or built) as an integer that fits in 64 bits.
    [[nodiscard]] bool isInteger() const { return m_isInteger; }
    [[nodiscard]] std::int64_t asInteger() const { return m_integer; }
    [[nodiscard]] const std::string& asString() const { return m_string; }
    [[nodiscard]] const Array& items() const { return m_array; }
    [[nodiscard]] const Object& members() const { return m_object; }
    Array& items() { return m_array; }
    Object& members() { return m_object; }

    // Object member lookup; nullptr when absent or when this is not an object.
    [[nodiscard]] const JsonValue* find(std::string_view name) const;
    [[nodiscard]] bool contains(std::string_view name) const { return find(name) != nullptr; }
    // Object: replaces the member of that name or appends it.
    void set(std::string name, JsonValue value);
    bool remove(std::string_view name);

    [[nodiscard]] QJsonValue toQt() const;
    static JsonValue fromQt(const QJsonValue& value);

    friend bool operator==(const JsonValue& a, const JsonValue& b);

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    bool m_isInteger = false;
    double m_number = 0;
    std::int64_t m_integer = 0;
    std::string m_string;
    Array m_array;
    Object m_object;
};

} // namespace Signet
