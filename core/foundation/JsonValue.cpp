#include "foundation/JsonValue.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace Signet {

namespace {
const std::string kEmptyString;
const JsonValue::Array kEmptyArray;
const JsonValue::Object kEmptyObject;
} // namespace

JsonValue JsonValue::boolean(bool value)
{
    JsonValue v;
    v.m_data = value;
    return v;
}

JsonValue JsonValue::number(double value)
{
    JsonValue v;
    Number number{value, 0, false};
    // Integral doubles in the exactly representable range print as integers.
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9007199254740992.0) {
        number.isInteger = true;
        number.integer = static_cast<std::int64_t>(value);
    }
    v.m_data = number;
    return v;
}

JsonValue JsonValue::integer(std::int64_t value)
{
    JsonValue v;
    v.m_data = Number{static_cast<double>(value), value, true};
    return v;
}

JsonValue JsonValue::string(std::string value)
{
    JsonValue v;
    v.m_data.emplace<std::string>(std::move(value));
    return v;
}

JsonValue JsonValue::array(Array items)
{
    JsonValue v;
    v.m_data.emplace<Array>(std::move(items));
    return v;
}

JsonValue JsonValue::object(Object members)
{
    JsonValue v;
    v.m_data.emplace<Object>(std::move(members));
    return v;
}

bool JsonValue::asBool() const
{
    const bool* value = std::get_if<bool>(&m_data);
    return value && *value;
}

double JsonValue::asNumber() const
{
    const Number* number = std::get_if<Number>(&m_data);
    return number ? number->value : 0;
}

bool JsonValue::isInteger() const
{
    const Number* number = std::get_if<Number>(&m_data);
    return number && number->isInteger;
}

std::int64_t JsonValue::asInteger() const
{
    const Number* number = std::get_if<Number>(&m_data);
    return number ? number->integer : 0;
}

const std::string& JsonValue::asString() const
{
    const std::string* value = std::get_if<std::string>(&m_data);
    return value ? *value : kEmptyString;
}

const JsonValue::Array& JsonValue::items() const
{
    const Array* value = std::get_if<Array>(&m_data);
    return value ? *value : kEmptyArray;
}

const JsonValue::Object& JsonValue::members() const
{
    const Object* value = std::get_if<Object>(&m_data);
    return value ? *value : kEmptyObject;
}

JsonValue::Array& JsonValue::items()
{
    if (!isArray())
        m_data.emplace<Array>();
    return std::get<Array>(m_data);
}

JsonValue::Object& JsonValue::members()
{
    if (!isObject())
        m_data.emplace<Object>();
    return std::get<Object>(m_data);
}

std::string& JsonValue::emplaceString()
{
    return m_data.emplace<std::string>();
}

const JsonValue* JsonValue::find(std::string_view name) const
{
    const Object* object = std::get_if<Object>(&m_data);
    if (!object)
        return nullptr;
    for (const Member& member : *object) {
        if (member.first == name)
            return &member.second;
    }
    return nullptr;
}

void JsonValue::set(std::string name, JsonValue value)
{
    Object& object = members();
    for (Member& member : object) {
        if (member.first == name) {
            member.second = std::move(value);
            return;
        }
    }
    object.emplace_back(std::move(name), std::move(value));
}

bool JsonValue::remove(std::string_view name)
{
    Object* object = std::get_if<Object>(&m_data);
    if (!object)
        return false;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (it->first == name) {
            object->erase(it);
            return true;
        }
    }
    return false;
}

QJsonValue JsonValue::toQt() const
{
    switch (type()) {
    case Type::Null:
        return QJsonValue::Null;
    case Type::Bool:
        return asBool();
    case Type::Number:
        return isInteger() ? QJsonValue(static_cast<qint64>(asInteger())) : QJsonValue(asNumber());
    case Type::String:
        return QString::fromStdString(asString());
    case Type::Array: {
        QJsonArray array;
        for (const JsonValue& item : items())
            array.append(item.toQt());
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        for (const Member& member : members())
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
    if (a.isNumber() && b.isNumber() && !(a.isInteger() && b.isInteger()))
        return a.asNumber() == b.asNumber();
    return a.m_data == b.m_data;
}

} // namespace Signet
