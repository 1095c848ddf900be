#include "foundation/JsonValue.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace Signet {

JsonValue JsonValue::boolean(bool value)
{
    JsonValue v;
    v.m_type = Type::Bool;
    v.m_bool = value;
    return v;
}

JsonValue JsonValue::number(double value)
{
    JsonValue v;
    v.m_type = Type::Number;
    v.m_number = value;
    // Integral doubles in the exactly representable range print as integers.
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9007199254740992.0) {
        v.m_isInteger = true;
        v.m_integer = static_cast<std::int64_t>(value);
    }
    return v;
}

JsonValue JsonValue::integer(std::int64_t value)
{
    JsonValue v;
    v.m_type = Type::Number;
    v.m_number = static_cast<double>(value);
    v.m_isInteger = true;
    v.m_integer = value;
    return v;
}

JsonValue JsonValue::string(std::string value)
{
    JsonValue v;
    v.m_type = Type::String;
    v.m_string = std::move(value);
    return v;
}

JsonValue JsonValue::array(Array items)
{
    JsonValue v;
    v.m_type = Type::Array;
    v.m_array = std::move(items);
    return v;
}

JsonValue JsonValue::object(Object members)
{
    JsonValue v;
    v.m_type = Type::Object;
    v.m_object = std::move(members);
    return v;
}

const JsonValue* JsonValue::find(std::string_view name) const
{
    if (m_type != Type::Object)
        return nullptr;
    for (const Member& member : m_object) {
        if (member.first == name)
            return &member.second;
    }
    return nullptr;
}

void JsonValue::set(std::string name, JsonValue value)
{
    if (m_type != Type::Object) {
        *this = object();
    }
    for (Member& member : m_object) {
        if (member.first == name) {
            member.second = std::move(value);
            return;
        }
    }
    m_object.emplace_back(std::move(name), std::move(value));
}

bool JsonValue::remove(std::string_view name)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (it->first == name) {
            m_object.erase(it);
            return true;
        }
    }
    return false;
}

QJsonValue JsonValue::toQt() const
{
    switch (m_type) {
    case Type::Null:
        return QJsonValue::Null;
    case Type::Bool:
        return m_bool;
    case Type::Number:
        return m_isInteger ? QJsonValue(static_cast<qint64>(m_integer)) : QJsonValue(m_number);
    case Type::String:
        return QString::fromStdString(m_string);
    case Type::Array: {
        QJsonArray array;
        for (const JsonValue& item : m_array)
            array.append(item.toQt());
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        for (const Member& member : m_object)
            object.insert(QString::fromStdString(member.first), member.second.toQt());
        return object;
    }
    }
    return QJsonValue::Null;
}

JsonValue JsonValue::fromQt(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return boolean(value.toBool());
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return std::trunc(d) == d && std::fabs(d) < 9007199254740992.0 ? integer(value.toInteger()) : number(d);
    }
    case QJsonValue::String:
        return string(value.toString().toStdString());
    case QJsonValue::Array: {
        Array items;
        for (const QJsonValue& item : value.toArray())
            items.push_back(fromQt(item));
        return array(std::move(items));
    }
    case QJsonValue::Object: {
        Object members;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            members.emplace_back(it.key().toStdString(), fromQt(it.value()));
        return JsonValue::object(std::move(members));
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return null();
}

bool operator==(const JsonValue& a, const JsonValue& b)
{
    if (a.m_type != b.m_type)
        return false;
    switch (a.m_type) {
    case JsonValue::Type::Null:
        return true;
    case JsonValue::Type::Bool:
        return a.m_bool == b.m_bool;
    case JsonValue::Type::Number:
        return a.m_isInteger && b.m_isInteger ? a.m_integer == b.m_integer : a.m_number == b.m_number;
    case JsonValue::Type::String:
        return a.m_string == b.m_string;
    case JsonValue::Type::Array:
        return a.m_array == b.m_array;
    case JsonValue::Type::Object:
        return a.m_object == b.m_object;
    }
    return false;
}

} // namespace Signet
