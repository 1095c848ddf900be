#pragma once

#include <QJsonValue>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
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

    [[nodiscard]] Type type() const { return static_cast<Type>(m_data.index()); }
    [[nodiscard]] bool isNull() const { return type() == Type::Null; }
    [[nodiscard]] bool isBool() const { return type() == Type::Bool; }
    [[nodiscard]] bool isNumber() const { return type() == Type::Number; }
    [[nodiscard]] bool isString() const { return type() == Type::String; }
    [[nodiscard]] bool isArray() const { return type() == Type::Array; }
    [[nodiscard]] bool isObject() const { return type() == Type::Object; }

    // Accessors of the wrong type return false, 0 or an empty value.
    [[nodiscard]] bool asBool() const;
    [[nodiscard]] double asNumber() const;
    // True when the number was written (or built) as an integer that fits in 64 bits.
    [[nodiscard]] bool isInteger() const;
    [[nodiscard]] std::int64_t asInteger() const;
    [[nodiscard]] const std::string& asString() const;
    [[nodiscard]] const Array& items() const;
    [[nodiscard]] const Object& members() const;
    // Mutable access turns a value of another type into an empty array / object first.
    Array& items();
    Object& members();
    // Turns this value into an empty string and returns it, for filling in place (the parser).
    std::string& emplaceString();

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
    struct Number
    {
        double value = 0;
        std::int64_t integer = 0;
        bool isInteger = false;
        friend bool operator==(const Number&, const Number&) = default;
    };
    // The alternatives are in Type's order. A variant keeps moves cheap: only the live member moves.
    std::variant<std::monostate, bool, Number, std::string, Array, Object> m_data;
};

} // namespace Signet
